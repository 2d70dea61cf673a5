package org.circusmeta.registration.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

class ZooKeeperClientsTest {
    @Test
    void buildsAnUnstartedClientInTheNamespace() {
        try (CuratorFramework client = ZooKeeperClients.newClient("127.0.0.1:1", "circusmeta", Duration.ofSeconds(10))) {
            assertThat(client.getNamespace()).isEqualTo("circusmeta");
            assertThat(client.getState().name()).isEqualTo("LATENT");
            assertThat(client.getZookeeperClient().getConnectionTimeoutMs()).isEqualTo(5_000);
        }
        try (CuratorFramework client = ZooKeeperClients.newClient("127.0.0.1:1", "circusmeta", Duration.ofSeconds(2))) {
            assertThat(client.getZookeeperClient().getConnectionTimeoutMs()).isEqualTo(2_000);
        }
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> ZooKeeperClients.newClient(" ", "circusmeta", Duration.ofSeconds(10)))
                .hasMessageContaining("connect string");
        assertThatThrownBy(() -> ZooKeeperClients.newClient("zk:2181", "/circusmeta", Duration.ofSeconds(10)))
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> ZooKeeperClients.newClient("zk:2181", "circusmeta", Duration.ofMillis(10)))
                .hasMessageContaining("too short");
    }

    @Test
    void checksConnectStringsAsZooKeeperReadsThem() {
        for (String good : new String[] {"zk1", "zk1:2181", "zk1:2181,zk2:2182/chroot", "[::1]:2181", "10.0.0.5:2181, zk2"}) {
            ZooKeeperClients.requireConnectString(good);
        }
        for (String bad : new String[] {"zk1:abc", "zk1:", ":2181", "zk1:2181,", "zk1:99999", "zk1,,zk2"}) {
            assertThatThrownBy(() -> ZooKeeperClients.requireConnectString(bad)).as(bad)
                    .hasMessageContaining("is not a ZooKeeper connect string").hasMessageContaining("host:port");
        }
    }

    @Test
    void translatesCheckedExceptionsOnce() {
        RegistryException lost = RegistryException.translate("reading /nodes/web-01",
                KeeperException.create(KeeperException.Code.CONNECTIONLOSS, "/nodes/web-01"));
        assertThat(lost).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("reading /nodes/web-01").hasMessageContaining("CONNECTIONLOSS");
        RegistryException noNode = RegistryException.translate("deleting /renames/a",
                KeeperException.create(KeeperException.Code.NONODE, "/renames/a"));
        assertThat(noNode).isNotInstanceOf(RegistryUnavailableException.class).hasMessageContaining("NONODE");
        assertThat(RegistryException.translate("x", lost)).isSameAs(lost);
        assertThat(RegistryException.translate("writing", new IOException("disk full"))).hasCauseInstanceOf(IOException.class);

        RegistryException interrupted = RegistryException.translate("waiting", new InterruptedException());
        assertThat(Thread.interrupted()).isTrue();
        assertThat(interrupted).hasMessageContaining("interrupted while waiting");
    }
}
