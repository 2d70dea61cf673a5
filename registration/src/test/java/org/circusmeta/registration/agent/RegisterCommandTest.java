package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.circusmeta.registration.cli.CommandLines;
import org.circusmeta.registration.record.HostInfo;
import org.junit.jupiter.api.Test;

class RegisterCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RegisterCommand command = new RegisterCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), new HostInfo("web-01", "10.0.0.5"));

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadFlagExitsWithStatusTwoAndTheUsage() {
        assertThat(command.run("--zookeeper", "zk:1", "--bogus")).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(err()).startsWith("circusmeta-register: Unknown option: '--bogus'\n")
                .contains("Usage: circusmeta-register");
        assertThat(out.size()).isZero();
    }

    @Test
    void aMissingRequiredFlagExitsWithStatusTwo() {
        assertThat(command.run()).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--zookeeper=HOSTS'").contains("Usage:");
    }

    @Test
    void aBadNamespaceIsAUsageErrorNotACrash() {
        assertThat(command.run("--zookeeper", "zk:1", "--namespace", "/x")).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(err()).startsWith("circusmeta-register: Invalid value for option '--namespace': the namespace '/x'")
                .contains("Usage:");
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        assertThat(command.run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--circus-ini=FILE").contains("--state-dir=DIR");
        assertThat(err.size()).isZero();
    }

    @Test
    void aMissingIniExitsWithStatusOneNamingIt() {
        assertThat(command.run("--zookeeper", "zk:1", "--circus-ini", "/nonexistent/circus.ini"))
                .isEqualTo(CommandLines.CONFIG_ERROR);
        assertThat(err()).isEqualTo("circusmeta-register: circus.ini not found: /nonexistent/circus.ini (give the path"
                + " of the circusd configuration file)\n");
    }

    @Test
    void aGoodCommandLineGivesAPlan() {
        RegisterCommand.Outcome outcome = command.plan("--zookeeper", "zk:1", "--endpoint", "tcp://0.0.0.0:5555");
        assertThat(outcome.plan()).isPresent();
        assertThat(outcome.plan().get().options().record().endpoint()).isEqualTo("tcp://10.0.0.5:5555");
    }
}
