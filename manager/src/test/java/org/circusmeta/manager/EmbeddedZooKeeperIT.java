package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.registration.record.RegistryPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The repository's config.yml as it is: an embedded ZooKeeper whose data outlives a restart. */
@Timeout(90)
class EmbeddedZooKeeperIT {
    @TempDir
    Path data;

    @Test
    void runsItsOwnZooKeeperAndKeepsItsDataAcrossARestart() throws Exception {
        int port = TestingServers.freePort();
        String connect = "127.0.0.1:" + port;

        DropwizardTestSupport<ManagerConfiguration> first = manager(port);
        first.before();
        try (CuratorFramework zk = client(connect)) {
            zk.create().creatingParentsIfNeeded().forPath("/" + RegistryPaths.DEFAULT_NAMESPACE
                    + RegistryPaths.watcher("kept"), "{}".getBytes());
            try (FakeNode node = FakeNode.start(connect, "embedded-1").register()) {
                ManagerClient api = ManagerClient.onLoopback(first.getLocalPort());
                await().atMost(Duration.ofSeconds(3)).until(() -> ManagerExtension.stateOf(api, "embedded-1").equals("attached"));
                assertThat(AdminClient.onLoopback(first.getAdminPort()).healthcheck().status()).isEqualTo(200);
            }
        } finally {
            first.after();
        }

        DropwizardTestSupport<ManagerConfiguration> second = manager(port);
        second.before();
        try (FakeNode node = FakeNode.start(connect, "embedded-2", new FakeCircusd().with("kept", 1)).register()) {
            ManagerClient api = ManagerClient.onLoopback(second.getLocalPort());
            await().atMost(Duration.ofSeconds(3)).until(() -> ManagerExtension.stateOf(api, "embedded-2").equals("attached"));
            assertThat(api.watchers().get(0).cluster())
                    .as("/watchers/kept survived the restart").isTrue();
        } finally {
            second.after();
        }
    }

    private DropwizardTestSupport<ManagerConfiguration> manager(int port) {
        return new DropwizardTestSupport<>(ManagerApplication.class, ManagerApps.CONFIG,
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("zookeeper.embedded.port", Integer.toString(port)),
                ConfigOverride.config("zookeeper.embedded.dataDir", data.resolve("zookeeper").toString()),
                ConfigOverride.config("circus.endpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("circus.pubsubEndpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("circus.statsEndpoint", "tcp://127.0.0.1:0"));
    }

    private static CuratorFramework client(String connect) {
        CuratorFramework client = CuratorFrameworkFactory.newClient(connect, 10_000, 5_000, new RetryOneTime(100));
        client.start();
        return client;
    }
}
