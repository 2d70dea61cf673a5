package org.circusmeta.registration.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The shared flags and their parser, through a command that has nothing else. */
class RegistrationFlagsTest {
    @Command(name = "some-command")
    static final class SomeCommand {
        @Mixin
        RegistrationFlags flags;
    }

    private final SomeCommand command = new SomeCommand();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private OptionalInt parse(String... args) {
        return CommandLines.parse(command, new PrintWriter(out), new PrintWriter(err), args);
    }

    private void assertUsageError(String message, String... args) {
        assertThat(parse(args)).hasValue(CommandLines.USAGE_ERROR);
        assertThat(err.toString()).startsWith("some-command: " + message)
                .contains("Usage: some-command")
                .contains("--label=k=v");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void readsEveryFlag() {
        assertThat(parse("--name", " web-01 ", "--advertise-host=10.0.0.5", "--label", "zone=eu-1", "--label=disk = ssd",
                "--label", "expr=a=b", "--label", "empty=", "--capacity", "2.5", "--state-dir", "/var/lib/x",
                "--namespace", "staging/eu")).isEmpty();
        RegistrationFlags flags = command.flags;
        assertThat(flags.name()).contains("web-01");
        assertThat(flags.advertiseHost()).contains("10.0.0.5");
        assertThat(flags.labels()).containsExactly(Map.entry("zone", "eu-1"), Map.entry("disk", "ssd"),
                Map.entry("expr", "a=b"), Map.entry("empty", ""));
        assertThat(flags.capacity()).isEqualTo(2.5);
        assertThat(flags.stateDir()).contains(Path.of("/var/lib/x"));
        assertThat(flags.namespace()).isEqualTo("staging/eu");
    }

    @Test
    void readsTheZooKeeperFilesWhenItBuildsTheSettings(@TempDir Path dir) throws Exception {
        Path auth = Files.writeString(dir.resolve("zookeeper.auth"), "web-01:secret\n");
        Path client = Files.writeString(dir.resolve("zookeeper-client.properties"), "zookeeper.client.secure=true\n");
        assertThat(parse("--zookeeper-auth-file", auth.toString(), "--zookeeper-client-config=" + client)).isEmpty();
        ZooKeeperSettings settings = command.flags.zookeeper("zk1:2181");
        assertThat(settings.connect()).isEqualTo("zk1:2181");
        assertThat(settings.credentials()).hasValueSatisfying(c -> assertThat(c.user()).isEqualTo("web-01"));
        assertThat(settings.clientConfig()).contains(client);
    }

    @Test
    void anUnreadableZooKeeperFileIsNamedWhenTheSettingsAreBuilt(@TempDir Path dir) {
        Path missing = dir.resolve("missing.auth");
        assertThat(parse("--zookeeper-auth-file", missing.toString())).isEmpty();
        assertThatThrownBy(() -> command.flags.zookeeper("zk1:2181"))
                .hasMessageContaining("cannot read the ZooKeeper credentials file " + missing);
    }

    @Test
    void defaultsLeaveTheHostToDecide() {
        assertThat(parse()).isEmpty();
        RegistrationFlags flags = command.flags;
        assertThat(flags.name()).isEmpty();
        assertThat(flags.advertiseHost()).isEmpty();
        assertThat(flags.labels()).isEmpty();
        assertThat(flags.capacity()).isEqualTo(1.0);
        assertThat(flags.stateDir()).isEmpty();
        assertThat(flags.namespace()).isEqualTo("circusmeta");
    }

    @Test
    void helpGoesToStdoutWithStatusZero() {
        assertThat(parse("-h")).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: some-command").contains("--capacity=C", "(default: 1.0)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aLabelThatIsNotKeyEqualsValueIsAUsageError() {
        assertUsageError("Invalid value for option '--label': 'zone' is not k=v (write the label as KEY=VALUE, e.g."
                + " zone=eu-1)", "--label", "zone");
    }

    @Test
    void aLabelWithoutKeyIsAUsageError() {
        assertUsageError("Invalid value for option '--label': '=eu-1' is not k=v (write the label as KEY=VALUE, e.g."
                + " zone=eu-1)", "--label==eu-1");
    }

    @Test
    void aLabelKeyGivenTwiceIsAUsageError() {
        assertUsageError("Invalid value for option '--label': the label 'zone' is given twice; give each key once",
                "--label", "zone=a", "--label", "zone=b");
    }

    @Test
    void aMissingValueIsAUsageError() {
        assertUsageError("Missing required parameter for option '--label' (k=v)", "--label");
        err.getBuffer().setLength(0);
        assertUsageError("Missing required parameter for option '--capacity' (C)", "--capacity");
        err.getBuffer().setLength(0);
        assertUsageError("Expected parameter for option '--name' but found '--capacity'", "--name", "--capacity", "2");
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertUsageError("Unknown options: '--labels', 'a=b'\nPossible solutions: --label\n", "--labels", "a=b");
    }

    @Test
    void aBadValueNamesTheFlagAndTheRule() {
        assertUsageError("Invalid value for option '--capacity': '-1' is not a positive number", "--capacity=-1");
        err.getBuffer().setLength(0);
        assertUsageError("Invalid value for option '--capacity': 'Infinity' is not a positive number", "--capacity",
                "Infinity");
        err.getBuffer().setLength(0);
        assertUsageError("Invalid value for option '--name': 'web:01' is not a valid node name: use 1 to 63 letters,"
                + " digits, '-' or '_', starting with a letter or digit (no dots, no colons)", "--name", "web:01");
        err.getBuffer().setLength(0);
        assertUsageError("Invalid value for option '--advertise-host': a value is required, got ' '", "--advertise-host",
                " ");
    }
}
