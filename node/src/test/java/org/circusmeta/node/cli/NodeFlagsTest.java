package org.circusmeta.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.circusmeta.registration.cli.CommandLines;
import org.junit.jupiter.api.Test;

class NodeFlagsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private NodeFlags parse(String... args) {
        NodeFlags flags = new NodeFlags();
        assertThat(CommandLines.parse(flags, new PrintWriter(out), new PrintWriter(err), args)).isEmpty();
        return flags;
    }

    @Test
    void readsEveryFlagOfTheReadme() {
        NodeFlags f = parse("--config", "n.ini", "--zookeeper=zk1:2181", "--name", "web-01", "--advertise-host",
                "10.0.0.5", "--label", "zone=eu-1", "--label", "tier=web", "--capacity", "2.5", "--state-dir", "/var/x",
                "--namespace", "staging");

        assertThat(f.config()).isEqualTo(Path.of("n.ini"));
        assertThat(f.zookeeper()).contains("zk1:2181");
        assertThat(f.registration().name()).contains("web-01");
        assertThat(f.registration().advertiseHost()).contains("10.0.0.5");
        assertThat(f.registration().labels()).containsEntry("zone", "eu-1").containsEntry("tier", "web");
        assertThat(f.registration().capacity()).isEqualTo(2.5);
        assertThat(f.registration().stateDir()).contains(Path.of("/var/x"));
        assertThat(f.registration().namespace()).isEqualTo("staging");
    }

    @Test
    void standaloneByDefault() {
        NodeFlags f = parse("--config", "n.ini");
        assertThat(f.zookeeper()).isEmpty();
        assertThat(f.registration().capacity()).isEqualTo(1.0);
        assertThat(f.registration().namespace()).isEqualTo("circusmeta");
    }

    @Test
    void helpListsEveryFlagAndExitsWithZero() {
        assertThat(CommandLines.parse(new NodeFlags(), new PrintWriter(out), new PrintWriter(err), "--help")).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: circusmeta-node").contains("--config=FILE", "--zookeeper=HOSTS",
                "--name=N", "--advertise-host=H", "--label=k=v", "--capacity=C", "--state-dir=DIR", "Exit status:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void saysWhatIsWrongWithABadCommandLine() {
        assertBad("Unknown option: '--verbose'", "--config", "n.ini", "--verbose");
        assertBad("Missing required option: '--config=FILE'", "--name", "x");
        assertBad("Missing required parameter for option '--config' (FILE)", "--config");
        assertBad("Invalid value for option '--label': 'zone' is not k=v", "--config", "n", "--label", "zone");
        assertBad("Invalid value for option '--capacity': '0' is not a positive number", "--config", "n", "--capacity", "0");
        assertBad("'a.b' is not a valid node name", "--config", "n", "--name", "a.b");
        assertBad("'zk1:' is not a ZooKeeper connect string", "--config", "n", "--zookeeper", "zk1:");
    }

    private void assertBad(String message, String... args) {
        StringWriter badErr = new StringWriter();
        assertThat(CommandLines.parse(new NodeFlags(), new PrintWriter(out), new PrintWriter(badErr), args))
                .hasValue(CommandLines.USAGE_ERROR);
        assertThat(badErr.toString()).startsWith("circusmeta-node: ").contains(message).contains("Usage: circusmeta-node");
    }
}
