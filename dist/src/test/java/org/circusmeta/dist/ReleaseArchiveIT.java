package org.circusmeta.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator gets it: unpacked into a folder of its own, far from the source
 * tree and with no Maven, then run from there: the CLI, a manager (the example config.yml, with an
 * embedded ZooKeeper on free ports), a circusmeta-node (the example node.ini, on free ports) and the
 * agent registering a second node that plays circusd, all through the archive's bin/ launchers; then
 * stopped as systemd stops them, leaving no process behind. The systemd units are checked with
 * {@code systemd-analyze verify} where it is installed.
 */
@Timeout(300)
class ReleaseArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("dist.archive", "target/missing.tar.gz"));
    private static final String VERSION = System.getProperty("dist.version", "");
    private static final Duration ATTACH = Duration.ofSeconds(120);

    @TempDir
    static Path unpacked;

    static Path home;

    private final List<Launched> launched = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(ARCHIVE).as("the archive built by the package phase").exists();
        Shell.Result tar = Shell.run(unpacked, Map.of(), Duration.ofSeconds(60), "tar", "-xzf", ARCHIVE.toString());
        assertThat(tar.status()).as(tar.output()).isZero();
        home = unpacked.resolve("circusmeta-" + VERSION);
    }

    @AfterEach
    void stopWhatIsLeft() {
        launched.forEach(Launched::kill);
    }

    @Test
    void holdsTheLaunchersTheJarsTheExampleConfigurationAndTheUnits() {
        for (String launcher : List.of("circusmeta", "circusmeta-manager", "circusmeta-node", "circusmeta-register")) {
            assertThat(home.resolve("bin").resolve(launcher)).isExecutable();
        }
        for (String jar : List.of("circusmeta-manager.jar", "circusmeta-node.jar", "circusmeta-register.jar", "circusmeta-cli.jar")) {
            assertThat(home.resolve("lib").resolve(jar)).isRegularFile();
        }
        for (String file : List.of("conf/config.yml", "conf/manager.env", "conf/node.ini", "conf/node.env",
                "conf/circusmeta-register.ini", "systemd/circusmeta-manager.service", "systemd/circusmeta-node.service",
                "INSTALL.md", "README.md", "docs/registry.md")) {
            assertThat(home.resolve(file)).isRegularFile();
        }
        assertThat(home.resolve("conf/circusmeta-register.ini")).content()
                .contains("[watcher:circusmeta-register]", "cmd = /opt/circusmeta/current/bin/circusmeta-register");
    }

    @Test
    void cliAnswersHelpFromTheArchiveAndThroughASymbolicLink() throws Exception {
        Shell.Result help = Shell.run(unpacked, Map.of(), Duration.ofSeconds(60), home.resolve("bin/circusmeta").toString(),
                "--help");
        assertThat(help.status()).as(help.output()).isZero();
        assertThat(help.output()).contains("nodes", "status", "--manager");
        Path link = Files.createDirectories(unpacked.resolve("usr-local-bin")).resolve("circusmeta");
        Files.createSymbolicLink(link, home.resolve("bin/circusmeta"));
        Shell.Result linked = Shell.run(unpacked, Map.of(), Duration.ofSeconds(60), link.toString(), "--help");
        assertThat(linked.status()).as(linked.output()).isZero();
        assertThat(linked.output()).isEqualTo(help.output());
    }

    @Test
    void managerNodeAndAgentRunFromTheArchiveAndStopLeavingNoProcess() throws Exception {
        Path work = Files.createDirectories(unpacked.resolve("run"));
        Trial trial = new Trial(home, work);
        Launched manager = launch(trial.manager());
        Launched node = launch(trial.node("dist-node"));
        Launched circusd = launch(trial.standaloneNode());
        Launched agent = launch(trial.agent("dist-agent"));
        awaitAttached(trial, manager, List.of("dist-node", "dist-agent"));
        assertThat(home.resolve("lib/circusmeta-register.classlist")).as("the agent's first run lists its classes")
                .isRegularFile();

        // The next start makes the agent's class-data sharing archive from that list, then runs with it.
        agent.stop();
        agent = launch(trial.agent("dist-agent"));
        awaitAttached(trial, manager, List.of("dist-node", "dist-agent"));
        assertThat(home.resolve("lib/circusmeta-register.jsa")).isRegularFile();

        List<ProcessHandle> everything = new ArrayList<>();
        for (Launched l : launched) {
            everything.add(l.process().toHandle());
            l.process().descendants().forEach(everything::add);
        }
        assertThat(everything.size()).as("the launched JVMs and the nodes' sleeps").isGreaterThanOrEqualTo(6);
        agent.stop();
        assertThat(node.stop()).as("the node's exit status after SIGTERM").isZero();
        assertThat(circusd.stop()).isZero();
        manager.stop();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(everything.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)).isEmpty());
    }

    @Test
    void systemdUnitsPassSystemdAnalyzeVerify() throws Exception {
        assumeTrue(Shell.onPath("systemd-analyze"), "systemd-analyze is not installed here: the units are not verified");
        Path units = Files.createDirectories(unpacked.resolve("units"));
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        try (Stream<Path> files = Files.list(home.resolve("systemd"))) {
            for (Path unit : files.toList()) {
                // As installed: the launchers at /opt/circusmeta/current, here the unpacked archive.
                String text = Files.readString(unit, StandardCharsets.UTF_8).replace("/opt/circusmeta/current", home.toString());
                Path copy = units.resolve(unit.getFileName());
                Files.writeString(copy, text, StandardCharsets.UTF_8);
                command.add(copy.toString());
            }
        }
        assertThat(command).hasSize(4);
        Shell.Result verify = Shell.run(units, Map.of(), Duration.ofSeconds(60), command.toArray(String[]::new));
        assertThat(verify.status()).as(verify.output()).isZero();
        assertThat(verify.output().lines().filter(l -> l.contains("circusmeta"))).as("what it said of our units").isEmpty();
    }

    private Launched launch(Launched.Spec spec) throws IOException {
        Launched l = Launched.start(spec);
        launched.add(l);
        return l;
    }

    private static void awaitAttached(Trial trial, Launched manager, List<String> names) {
        await().atMost(ATTACH).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(manager.process().isAlive()).as("the manager runs; its log: %s", manager.tail()).isTrue();
            Shell.Result nodes = trial.cli("nodes");
            assertThat(nodes.status()).as(nodes.output()).isZero();
            for (String name : names) {
                assertThat(nodes.output().lines().filter(l -> l.startsWith(name + " ") && l.contains(" attached ")))
                        .as("%s attached, in:%n%s", name, nodes.output()).hasSize(1);
            }
        });
    }
}
