package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.circusmeta.registration.cli.CommandLines;
import org.junit.jupiter.api.Test;

class RegisterFlagsTest {
    /** The flags read from a command line that must be right. */
    static RegisterFlags parse(String... args) {
        RegisterFlags flags = new RegisterFlags();
        CommandLines.create(flags).parseArgs(args);
        return flags;
    }

    @Test
    void readsEveryFlagOfTheReadme() {
        RegisterFlags flags = parse("--zookeeper", "zk1:2181,zk2:2181", "--name", "web-01",
                "--circus-ini", "/etc/circus/circus.ini", "--advertise-host", "10.0.0.5", "--label", "zone=eu-1",
                "--label=disk=ssd", "--capacity", "2.5", "--state-dir", "/var/lib/circusmeta");
        assertThat(flags.zookeeper()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(flags.name()).contains("web-01");
        assertThat(flags.circusIni()).contains(Path.of("/etc/circus/circus.ini"));
        assertThat(flags.advertiseHost()).contains("10.0.0.5");
        assertThat(flags.labels()).containsExactly(Map.entry("zone", "eu-1"), Map.entry("disk", "ssd"));
        assertThat(flags.capacity()).isEqualTo(2.5);
        assertThat(flags.stateDir()).contains(Path.of("/var/lib/circusmeta"));
        assertThat(flags.namespace()).isEqualTo("circusmeta");
        assertThat(flags.endpoint()).isEmpty();
    }

    @Test
    void readsExplicitEndpoints() {
        RegisterFlags flags = parse("--zookeeper", "zk:2181", "--endpoint", "tcp://0.0.0.0:5555",
                "--pubsub", "tcp://0.0.0.0:5556", "--stats", "tcp://0.0.0.0:5557", "--version-label", "0.19.0",
                "--namespace", "staging");
        assertThat(flags.endpoint()).contains("tcp://0.0.0.0:5555");
        assertThat(flags.pubsub()).contains("tcp://0.0.0.0:5556");
        assertThat(flags.stats()).contains("tcp://0.0.0.0:5557");
        assertThat(flags.versionLabel()).contains("0.19.0");
        assertThat(flags.namespace()).isEqualTo("staging");
        assertThat(flags.circusIni()).isEmpty();
        assertThat(flags.capacity()).isEqualTo(1.0);
    }

    @Test
    void helpNeedsNothingElseAndListsEveryFlag() {
        StringWriter out = new StringWriter();
        assertThat(CommandLines.parse(new RegisterFlags(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "--help")).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: circusmeta-register")
                .contains("--zookeeper=HOSTS", "--name=N", "--circus-ini=FILE", "--endpoint=E", "--pubsub=P",
                        "--stats=S", "--advertise-host=H", "--label=k=v", "--capacity=C", "--state-dir=DIR",
                        "--namespace=NS", "--version-label=V", "Exit status:");
        assertThat(CommandLines.parse(new RegisterFlags(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "--zookeeper", "zk:1", "-h")).hasValue(0);
    }

    @Test
    void refusesAWrongCommandLineSayingWhy() {
        assertBad("Missing required option: '--zookeeper=HOSTS'");
        assertBad("Unknown option: '--zk=x'", "--zookeeper", "zk:1", "--zk=x");
        assertBad("Missing required parameter for option '--zookeeper' (HOSTS)", "--zookeeper");
        assertBad("Expected parameter for option '--zookeeper' but found '--name'", "--zookeeper", "--name", "a");
        assertBad("Unmatched argument at index 2: 'web-01'", "--zookeeper", "zk:1", "web-01");
        assertBad("Invalid value for option '--name': 'web.01' is not a valid node name", "--zookeeper", "zk:1",
                "--name", "web.01");
        assertBad("--circus-ini=FILE and (--endpoint=E [--pubsub=P] [--stats=S]) are mutually exclusive",
                "--zookeeper", "zk:1", "--circus-ini", "c.ini", "--endpoint", "tcp://127.0.0.1:5555");
        assertBad("Missing required argument(s): --endpoint=E", "--zookeeper", "zk:1", "--pubsub", "tcp://127.0.0.1:1");
        assertBad("Invalid value for option '--endpoint': 'http://x:1' uses http://", "--zookeeper", "zk:1",
                "--endpoint", "http://x:1");
        assertBad("Invalid value for option '--label': 'zone' is not k=v", "--zookeeper", "zk:1", "--label", "zone");
        assertBad("the label 'zone' is given twice", "--zookeeper", "zk:1", "--label", "zone=a", "--label", "zone=b");
        assertBad("Invalid value for option '--capacity': 'lots' is not a positive number", "--zookeeper", "zk:1",
                "--capacity", "lots");
        assertBad("'0' is not a positive number", "--zookeeper", "zk:1", "--capacity", "0");
        assertBad("option '--name' (N) should be specified only once", "--zookeeper", "zk:1", "--name", "a",
                "--name", "b");
        assertBad("'zk1:abc' is not a ZooKeeper connect string: 'zk1:abc' is not host:port", "--zookeeper", "zk1:abc");
        assertBad("'zk1:2181,' is not a ZooKeeper connect string", "--zookeeper", "zk1:2181,");
        assertBad("Invalid value for option '--namespace': the namespace '/staging' must be a path without leading or"
                + " trailing slash", "--zookeeper", "zk:1", "--namespace", "/staging");
        assertBad("Invalid value for option '--version-label': a value is required", "--zookeeper", "zk:1",
                "--version-label=");
        assertBad("Invalid value for option '--logs-endpoint'", "--zookeeper", "zk:1", "--logs-endpoint", "logs");
    }

    private static void assertBad(String message, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(CommandLines.parse(new RegisterFlags(), new PrintWriter(out), new PrintWriter(err), args))
                .hasValue(CommandLines.USAGE_ERROR);
        assertThat(err.toString()).startsWith("circusmeta-register: ").contains(message)
                .contains("Usage: circusmeta-register");
        assertThat(out.toString()).isEmpty();
    }
}
