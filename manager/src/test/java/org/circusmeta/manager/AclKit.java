package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * What the ZooKeeper ACL tests share: the managers' identity and its credentials file, two node
 * identities listed as registrars and one that is not, the app's overrides that turn ACLs on, clients
 * of ZooKeeper as each identity, and every znode's ACL read at once.
 */
final class AclKit {
    static final ZooKeeperCredentials MANAGER = ZooKeeperCredentials.parse("manager:manager-secret", "test");
    static final ZooKeeperCredentials NODE_1 = ZooKeeperCredentials.parse("node-1:one-secret", "test");
    static final ZooKeeperCredentials NODE_2 = ZooKeeperCredentials.parse("node-2:two-secret", "test");
    private static final Path MANAGER_FILE = credentialsFile("manager:manager-secret");

    private AclKit() {}

    private static Path credentialsFile(String line) {
        try {
            Path file = Files.createTempFile("manager-", ".auth",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            return Files.writeString(file, "# the managers' ZooKeeper identity\n" + line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config overrides of a manager with ZooKeeper ACLs on, both node identities listed. */
    static ConfigOverride[] overrides() {
        return new ConfigOverride[] {
            ConfigOverride.config("zookeeper.auth.file", MANAGER_FILE.toString()),
            ConfigOverride.config("zookeeper.auth.registrars", NODE_1.digestId() + "," + NODE_2.digestId()),
        };
    }

    static ZooKeeperSettings settings(String connect) {
        return ZooKeeperSettings.of(connect, RegistryPaths.DEFAULT_NAMESPACE, Duration.ofSeconds(10));
    }

    /** A started client, connected, authenticated as the identity. */
    static CuratorFramework client(String connect, ZooKeeperCredentials identity) {
        return started(settings(connect).withCredentials(identity).newClient());
    }

    /** A started client without credentials. */
    static CuratorFramework anonymous(String connect) {
        return started(settings(connect).newClient());
    }

    private static CuratorFramework started(CuratorFramework client) {
        client.start();
        assertThat(ZooKeeperClients.awaitConnected(client, Duration.ofSeconds(10))).isTrue();
        return client;
    }

    /** Every znode of the namespace (the namespace's own as "/") with its ACL, read by the managers' identity. */
    static Map<String, List<ACL>> everyAcl(CuratorFramework managers) throws Exception {
        Map<String, List<ACL>> acls = new TreeMap<>();
        collect(managers, "/", acls);
        return acls;
    }

    private static void collect(CuratorFramework client, String path, Map<String, List<ACL>> acls) throws Exception {
        acls.put(path, client.getACL().forPath(path));
        for (String child : client.getChildren().forPath(path)) {
            collect(client, ZKPaths.makePath(path, child), acls);
        }
    }
}
