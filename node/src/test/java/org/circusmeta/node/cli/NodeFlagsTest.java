package org.circusmeta.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeFlagsTest {

    @Test
    void readsEveryFlagOfSpecSix() {
        NodeFlags f = NodeFlags.parse("--config", "n.ini", "--zookeeper=zk1:2181", "--name", "web-01", "--advertise-host",
                "10.0.0.5", "--label", "zone=eu-1", "--label", "tier=web", "--capacity", "2.5", "--state-dir", "/var/x");

        assertThat(f.config()).isEqualTo(Path.of("n.ini"));
        assertThat(f.zookeeper()).contains("zk1:2181");
        assertThat(f.name()).contains("web-01");
        assertThat(f.advertiseHost()).contains("10.0.0.5");
        assertThat(f.labels()).containsEntry("zone", "eu-1").containsEntry("tier", "web");
        assertThat(f.capacity()).isEqualTo(2.5);
        assertThat(f.stateDir()).contains(Path.of("/var/x"));
    }

    @Test
    void readsTheZooKeeperFilesWhichGoWithZooKeeper() {
        NodeFlags f = NodeFlags.parse("--config", "n.ini", "--zookeeper", "zk:2181", "--zookeeper-auth-file",
                "/etc/circusmeta/zookeeper.auth", "--zookeeper-client-config=/etc/circusmeta/zk.properties");
        assertThat(f.zookeeperAuthFile()).contains(Path.of("/etc/circusmeta/zookeeper.auth"));
        assertThat(f.zookeeperClientConfig()).contains(Path.of("/etc/circusmeta/zk.properties"));
        assertThatThrownBy(() -> NodeFlags.parse("--config", "n.ini", "--zookeeper-auth-file", "a"))
                .hasMessage("--zookeeper-auth-file goes with --zookeeper");
    }

    @Test
    void saysWhatIsWrongWithABadCommandLine() {
        assertThatThrownBy(() -> NodeFlags.parse("--config", "n.ini", "--verbose")).hasMessage("unknown option '--verbose'");
        assertThatThrownBy(() -> NodeFlags.parse("--name", "x")).hasMessage("--config is required");
        assertThatThrownBy(() -> NodeFlags.parse("--config")).hasMessage("--config needs a value");
        assertThatThrownBy(() -> NodeFlags.parse("--config", "n", "--label", "zone")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> NodeFlags.parse("--config", "n", "--capacity", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> NodeFlags.parse("--config", "n", "--name", "a.b")).hasMessageContaining("not a valid node name");
    }
}
