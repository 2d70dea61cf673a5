package org.circusmeta.manager.registry;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;

/**
 * Writes rename requests, {@code /renames/OLD = {"name": NEW}} (docs/registry.md); the registrar of OLD
 * re-registers as NEW and deletes the request.
 *
 * <p>Thread-safe. Blocks up to the Curator connection timeout when ZooKeeper is away.
 */
public final class RenameRequests {
    private final CuratorFramework client;

    public RenameRequests(CuratorFramework client) {
        this.client = client;
    }

    /** @throws RegistryException when ZooKeeper cannot take the write ({@link RegistryUnavailableException} when it is away) */
    public void request(String oldName, String newName) {
        if (!client.getZookeeperClient().isConnected()) {
            throw new RegistryUnavailableException("ZooKeeper is not connected, so the rename of " + oldName
                    + " could not be written to " + RegistryPaths.rename(oldName) + "; try again once /healthcheck"
                    + " on the admin port says zookeeper is healthy");
        }
        byte[] body = CircusJson.write(CircusJson.object().put("name", newName));
        String path = RegistryPaths.rename(oldName);
        try {
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, body);
            } catch (KeeperException.NodeExistsException e) {
                client.setData().forPath(path, body);
            }
        } catch (Exception e) {
            throw RegistryException.translate("writing " + path + " = " + new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
