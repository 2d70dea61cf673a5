package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.testsupport.TlsZooKeeper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The manager and a real node reaching ZooKeeper over TLS only, through their ZooKeeper client
 * configuration files, with ZooKeeper ACLs on as well.
 */
@Timeout(90)
class ZooKeeperTlsIT {
    /** A TLS-only ZooKeeper for the class, started when the field is initialised and closed after the app. */
    static final class TlsZooKeeperExtension implements AfterAllCallback {
        final TlsZooKeeper server;

        TlsZooKeeperExtension() {
            try {
                server = TlsZooKeeper.start(Files.createTempDirectory("tls-zookeeper"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start a TLS ZooKeeper", e);
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            server.close();
        }
    }

    @RegisterExtension
    @Order(0)
    static final TlsZooKeeperExtension ZK = new TlsZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.server.connectString(),
            ConfigOverride.config("zookeeper.clientConfig", ZK.server.clientConfig().toString()),
            AclKit.overrides()[0], AclKit.overrides()[1]);

    @Test
    void theManagerAndANodeWorkOverTls() throws Exception {
        try (RealNodes nodes = new RealNodes(AclKit.settings(ZK.server.connectString())
                .withClientConfig(ZK.server.clientConfig()).withCredentials(AclKit.NODE_1), "tls-host");
             CuratorFramework managers = AclKit.settings(ZK.server.connectString())
                     .withClientConfig(ZK.server.clientConfig()).withCredentials(AclKit.MANAGER).newClient()) {
            nodes.start("tls-1", RealNodes.watcher("sleeper", "sleep 4421", 1));
            ManagerClient api = ManagerClient.onLoopback(APP.getLocalPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> ManagerExtension.stateOf(api, "tls-1").equals("attached"));
            assertThat(api.command(new CommandRequest("numwatchers", null, null)).results().get("tls-1")
                    .path("numwatchers").asInt()).isEqualTo(1);
            managers.start();
            assertThat(managers.getACL().forPath(RegistryPaths.node("tls-1"))).hasSize(3);
        }
    }
}
