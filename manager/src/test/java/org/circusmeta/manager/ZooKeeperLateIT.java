package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ZooKeeper down when the manager starts, or gone for a while: it starts, says so, serves, catches up. */
@Timeout(90)
class ZooKeeperLateIT {
    private static final int PORT = TestingServers.freePort();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app("127.0.0.1:" + PORT);

    @Test
    void startsWithoutZooKeeperAndAttachesEverythingOnceItIsUp() throws Exception {
        ManagerClient api = ManagerClient.onLoopback(APP.getLocalPort());
        AdminClient admin = AdminClient.onLoopback(APP.getAdminPort());
        Response health = admin.healthcheck();
        assertThat(health.status()).isEqualTo(500);
        assertThat(health.json().path("zookeeper").path("healthy").asBoolean()).isFalse();
        assertThat(health.json().path("zookeeper").path("message").asText()).contains("not connected");
        assertThat(api.nodes()).isEmpty();

        try (TestingServer zookeeper = new TestingServer(PORT, true);
                FakeNode node = FakeNode.start(zookeeper.getConnectString(), "late-1").register()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ManagerExtension.stateOf(api, "late-1").equals("attached"));
            await().atMost(Duration.ofSeconds(5)).until(() -> admin.healthcheck().status() == 200);

            zookeeper.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> admin.healthcheck().status() == 500);
            assertThat(ManagerExtension.stateOf(api, "late-1")).as("a partition does not drop what the manager knows")
                    .isEqualTo("attached");

            zookeeper.restart();
            await().atMost(Duration.ofSeconds(20)).until(() -> admin.healthcheck().status() == 200);
        }
    }
}
