package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterFlagsTest {
    @Test
    void readsEveryFlagOfTheSpec() {
        RegisterFlags flags = RegisterFlags.parse("--zookeeper", "zk1:2181,zk2:2181", "--name", "web-01",
                "--circus-ini", "/etc/circus/circus.ini", "--advertise-host", "10.0.0.5", "--label", "zone=eu-1",
                "--label=disk=ssd", "--capacity", "2.5", "--state-dir", "/var/lib/circusmeta");
        assertThat(flags.zookeeper()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(flags.name()).contains("web-01");
        assertThat(flags.circusIni()).contains(Path.of("/etc/circus/circus.ini"));
        assertThat(flags.advertiseHost()).contains("10.0.0.5");
        assertThat(flags.labels()).containsExactly(Map.entry("zone", "eu-1"), Map.entry("disk", "ssd"));
        assertThat(flags.capacity()).hasValue(2.5);
        assertThat(flags.stateDir()).contains(Path.of("/var/lib/circusmeta"));
        assertThat(flags.namespace()).isEqualTo("circusmeta");
        assertThat(flags.help()).isFalse();
    }

    @Test
    void readsExplicitEndpoints() {
        RegisterFlags flags = RegisterFlags.parse("--zookeeper", "zk:2181", "--endpoint", "tcp://0.0.0.0:5555",
                "--pubsub", "tcp://0.0.0.0:5556", "--stats", "tcp://0.0.0.0:5557", "--version-label", "0.19.0",
                "--namespace", "staging");
        assertThat(flags.endpoint()).contains("tcp://0.0.0.0:5555");
        assertThat(flags.pubsub()).contains("tcp://0.0.0.0:5556");
        assertThat(flags.stats()).contains("tcp://0.0.0.0:5557");
        assertThat(flags.versionLabel()).contains("0.19.0");
        assertThat(flags.namespace()).isEqualTo("staging");
    }

    @Test
    void readsTheZooKeeperFilesByPathOnly() {
        RegisterFlags flags = RegisterFlags.parse("--zookeeper", "zk:2181", "--zookeeper-auth-file",
                "/etc/circusmeta/zookeeper.auth", "--zookeeper-client-config=/etc/circusmeta/zookeeper-client.properties");
        assertThat(flags.zookeeperAuthFile()).contains(Path.of("/etc/circusmeta/zookeeper.auth"));
        assertThat(flags.zookeeperClientConfig()).contains(Path.of("/etc/circusmeta/zookeeper-client.properties"));
        assertThat(RegisterFlags.parse("--zookeeper", "zk:2181").zookeeperAuthFile()).isEmpty();
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(RegisterFlags.parse("--help").help()).isTrue();
        assertThat(RegisterFlags.parse("--zookeeper", "zk:1", "-h").help()).isTrue();
    }

    @Test
    void refusesAWrongCommandLineSayingWhy() {
        assertBad("--zookeeper HOSTS is required");
        assertBad("unknown flag --zk", "--zk", "zk:2181");
        assertBad("--zookeeper needs a value", "--zookeeper");
        assertBad("--zookeeper needs a value", "--zookeeper", "--name", "a");
        assertBad("unexpected argument 'web-01'", "--zookeeper", "zk:1", "web-01");
        assertBad("--name 'web.01' is not a valid node name", "--zookeeper", "zk:1", "--name", "web.01");
        assertBad("give either --circus-ini or --endpoint", "--zookeeper", "zk:1", "--circus-ini", "c.ini",
                "--endpoint", "tcp://127.0.0.1:5555");
        assertBad("--pubsub and --stats go with --endpoint", "--zookeeper", "zk:1", "--pubsub", "tcp://127.0.0.1:1");
        assertBad("--endpoint: 'http://x:1' uses http://", "--zookeeper", "zk:1", "--endpoint", "http://x:1");
        assertBad("--label 'zone' is not k=v", "--zookeeper", "zk:1", "--label", "zone");
        assertBad("--label zone is given twice", "--zookeeper", "zk:1", "--label", "zone=a", "--label", "zone=b");
        assertBad("--capacity 'lots' is not a positive number", "--zookeeper", "zk:1", "--capacity", "lots");
        assertBad("--capacity '0' is not a positive number", "--zookeeper", "zk:1", "--capacity", "0");
        assertBad("--name is given 2 times", "--zookeeper", "zk:1", "--name", "a", "--name", "b");
        assertBad("--zookeeper: 'zk1:abc' is not a ZooKeeper connect string: 'zk1:abc' is not host:port",
                "--zookeeper", "zk1:abc");
        assertBad("--zookeeper: 'zk1:2181,' is not a ZooKeeper connect string", "--zookeeper", "zk1:2181,");
        assertBad("--namespace: the namespace '/staging' must be a path without leading or trailing slash",
                "--zookeeper", "zk:1", "--namespace", "/staging");
    }

    private static void assertBad(String message, String... args) {
        assertThatThrownBy(() -> RegisterFlags.parse(args)).isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
