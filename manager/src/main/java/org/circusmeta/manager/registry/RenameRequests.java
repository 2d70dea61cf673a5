package org.circusmeta.manager.registry;

import java.util.Optional;
import org.apache.zookeeper.KeeperException;
import org.circusmeta.protocol.CircusJson;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;

/**
 * Writes rename requests, {@code /renames/OLD = {"name": NEW}} (docs/registry.md); the registrar of
 * OLD re-registers as NEW and clears the request. The registration module's writer does the writing
 * (a request written while the previous one is cleared, and, with ZooKeeper ACLs on, the request's
 * ACL).
 *
 * <p>Thread-safe. Blocks up to the Curator connection timeout when ZooKeeper is away.
 */
public final class RenameRequests {
    private final CuratorFramework client;
    private final org.circusmeta.registration.record.RenameRequests writer;

    /** @param acls the managers' ACLs when ZooKeeper ACLs are on */
    public RenameRequests(CuratorFramework client, Optional<ManagerAcls> acls) {
        this.client = client;
        this.writer = new org.circusmeta.registration.record.RenameRequests(client, acls);
    }

    /**
     * The name a rename request of {@code oldName} that no registrar has followed yet asks for; empty when there
     * is none (or an empty one: followed).
     */
    public Optional<String> pending(String oldName) {
        try {
            byte[] data = client.getData().forPath(RegistryPaths.rename(oldName));
            return data == null || data.length == 0 ? Optional.empty()
                    : Optional.of(CircusJson.read(data).path("name").asText("")).filter(n -> !n.isEmpty());
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw RegistryException.translate("reading " + RegistryPaths.rename(oldName), e);
        }
    }

    /** @throws RegistryException when ZooKeeper cannot take the write ({@link RegistryUnavailableException} when it is away) */
    public void request(String oldName, String newName) {
        if (!client.getZookeeperClient().isConnected()) {
            throw new RegistryUnavailableException("ZooKeeper is not connected, so the rename of " + oldName
                    + " could not be written to " + RegistryPaths.rename(oldName) + "; try again once /healthcheck"
                    + " on the admin port says zookeeper is healthy");
        }
        writer.request(oldName, newName);
    }
}
