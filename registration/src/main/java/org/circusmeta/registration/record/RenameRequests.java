package org.circusmeta.registration.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.zookeeper.RegistryException;

/**
 * Writes rename requests, {@code /renames/OLD = {"name": "NEW"}}: the registrar of OLD re-registers as
 * NEW, then deletes the request, or empties it where the ACLs do not let it delete (an empty request
 * is no request). A request written while the registrar clears the previous one is written all the
 * same: a create that meets the previous request overwrites it, and an overwrite that finds it gone
 * creates it again.
 *
 * <p>With ZooKeeper ACLs on, the request's ACL lets the managers and whoever may write the node's
 * record (its registrar's identity, read from the ACL of {@code /nodes/OLD}) write it.
 *
 * <p>Thread-safe. Blocks for the ZooKeeper calls (the client's retry policy bounds them).
 */
public final class RenameRequests {
    /** A failed attempt means the request was cleared meanwhile; the next create then finds it gone. */
    private static final int ATTEMPTS = 5;

    private final CuratorFramework client;
    private final Optional<ManagerAcls> acls;

    /** @param acls the managers' ACLs when ZooKeeper ACLs are on; empty when they are off */
    public RenameRequests(CuratorFramework client, Optional<ManagerAcls> acls) {
        this.client = client;
        this.acls = acls;
    }

    /**
     * Writes the request.
     *
     * @throws RegistryException when ZooKeeper refuses or cannot take the write, or, with ACLs on,
     *     when OLD is not registered (its record names who may clear the request)
     */
    public void request(String oldName, String newName) {
        byte[] body = CircusJson.write(CircusJson.object().put("name", newName));
        String path = RegistryPaths.rename(oldName);
        try {
            Optional<List<ACL>> acl = acls.isEmpty() ? Optional.empty() : Optional.of(aclFor(oldName, acls.get()));
            for (int attempt = 1; ; attempt++) {
                try {
                    create(path, body, acl);
                    return;
                } catch (KeeperException.NodeExistsException previous) {
                    try {
                        overwrite(path, body, acl);
                        return;
                    } catch (KeeperException.NoNodeException cleared) {
                        if (attempt == ATTEMPTS) {
                            throw cleared;
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw RegistryException.translate("writing " + path + " = " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private List<ACL> aclFor(String oldName, ManagerAcls managers) throws Exception {
        List<ACL> record;
        try {
            record = client.getACL().forPath(RegistryPaths.node(oldName));
        } catch (KeeperException.NoNodeException e) {
            throw new RegistryException("node " + oldName + " is not registered (" + RegistryPaths.node(oldName)
                    + " does not exist), so no registrar could follow a rename request; try again once it is", e);
        }
        if (record.stream().anyMatch(e -> e.getId().getId().endsWith(":x"))) {
            throw new RegistryException("the record of node " + oldName + " hides its registrar's identity from the"
                    + " managers (it was registered before a manager published its identity in " + RegistryPaths.NODES
                    + "), so its registrar could not clear a rename request; rename it after its next registration"
                    + " (restart its registrar)");
        }
        return managers.renameRequest(record);
    }

    private void create(String path, byte[] body, Optional<List<ACL>> acl) throws Exception {
        if (acl.isPresent()) {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).withACL(acl.get())
                    .forPath(path, body);
        } else {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, body);
        }
    }

    private void overwrite(String path, byte[] body, Optional<List<ACL>> acl) throws Exception {
        if (acl.isPresent()) {
            client.setACL().withACL(acl.get()).forPath(path);
        }
        client.setData().forPath(path, body);
    }
}
