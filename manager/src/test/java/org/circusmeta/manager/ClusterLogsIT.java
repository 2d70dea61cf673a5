package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.circusmeta.api.LogLineView;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.LogFollow;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.cli.CircusmetaCli;
import org.circusmeta.protocol.logs.LineSplitter;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/logs} and {@code circusmeta logs} against three real circusmeta-nodes whose watcher
 * prints numbered lines on stdout and stderr, through the real app.
 */
@Timeout(120)
class ClusterLogsIT {
    private static final List<String> NAMES = List.of("logs-0", "logs-1", "logs-2");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(ConfigOverride.config("circus.commandTimeout", "2s"));

    private static Path scripts;

    @BeforeAll
    static void startNodes() throws IOException {
        scripts = Files.createTempDirectory("cluster-logs-it");
        Path talker = scripts.resolve("talker.sh");
        Files.writeString(talker, "#!/bin/sh\ni=0\nwhile true; do i=$((i+1)); echo \"out $i\"; echo \"err $i\" >&2; sleep 0.05; done\n");
        Files.setPosixFilePermissions(talker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path big = scripts.resolve("big.sh");
        Files.writeString(big, "#!/bin/sh\nhead -c 1048576 /dev/zero | tr '\\0' x; echo; echo after the long line\n"
                + "while true; do echo still here; sleep 0.2; done\n");
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rwxr-xr-x"));
        RealNodes nodes = MANAGER.realNodes("logs-nodes");
        NAMES.forEach(name -> nodes.start(name, RealNodes.watcher("talker", talker.toString(), 2)
                + (name.equals("logs-2") ? RealNodes.watcher("big", big.toString(), 1) : "")));
        MANAGER.awaitAttached(NAMES, Duration.ofSeconds(30));
    }

    @AfterAll
    static void removeScripts() throws IOException {
        try (var files = Files.walk(scripts)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final ManagerClient api = MANAGER.api();

    private List<LogLineView> logs(String watcher, Optional<String> node, int tail) {
        return api.answer(ApiCall.logs(watcher, node, tail)).value();
    }

    @Test
    void tailsEveryNodeWithItsNodePidAndStreamMergedOldestFirst() {
        await().atMost(Duration.ofSeconds(10)).until(() -> logs("talker", Optional.empty(), 20).size() == 60);
        List<LogLineView> lines = logs("talker", Optional.empty(), 20);

        Map<String, List<LogLineView>> byNode = lines.stream().collect(Collectors.groupingBy(LogLineView::node));
        assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
        byNode.values().forEach(l -> assertThat(l).hasSize(20));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.watcher()).isEqualTo("talker");
            assertThat(l.pid()).isNotNull().isPositive();
            assertThat(l.line()).matches(("stdout".equals(l.stream()) ? "out" : "err") + " [0-9]+");
        });
        assertThat(lines).extracting(LogLineView::stream).contains("stdout", "stderr");
        assertThat(lines).extracting(LogLineView::time).isSorted();
        // Each node runs two processes of the watcher: both are heard from.
        byNode.values().forEach(l -> assertThat(l.stream().map(LogLineView::pid).collect(Collectors.toSet())).hasSize(2));
    }

    @Test
    void oneNodeByParameterOrByItsNameBeforeTheWatcher() {
        await().atMost(Duration.ofSeconds(10)).until(() -> logs("talker", Optional.of("logs-1"), 7).size() == 7);
        assertThat(logs("talker", Optional.of("logs-1"), 7)).extracting(LogLineView::node).containsOnly("logs-1");
        assertThat(logs("logs-0:talker", Optional.empty(), 3)).hasSize(3).extracting(LogLineView::node).containsOnly("logs-0");
    }

    @Test
    void anUnknownWatcherOrNodeIs404AndABadTailIs422() {
        assertThat(refusal(() -> logs("nope", Optional.empty(), 5)).status()).isEqualTo(404);
        assertThat(refusal(() -> logs("nope", Optional.empty(), 5)).reason()).contains("no watcher named 'nope'");
        assertThat(refusal(() -> logs("talker", Optional.of("nowhere"), 5)).status()).isEqualTo(404);
        assertThat(refusal(() -> logs("talker", Optional.of("nowhere"), 5)).reason()).contains("no node named 'nowhere'");
        assertThat(refusal(() -> logs("talker", Optional.empty(), 0)).status()).isEqualTo(422);
    }

    @Test
    void theCliPrintsNodeWatcherAndPidBeforeEachLineAndMarksStderr() {
        await().atMost(Duration.ofSeconds(10)).until(() -> logs("talker", Optional.of("logs-0"), 10).size() == 10);
        Run run = cli("logs", "talker", "--node", "logs-0", "-n", "10");

        assertThat(run.status()).as(run.err()).isZero();
        List<String> printed = run.out().lines().toList();
        assertThat(printed).hasSize(10).allSatisfy(l -> assertThat(l).matches(
                "logs-0:talker\\[[0-9]+\\] (out [0-9]+|\\(stderr\\) err [0-9]+)"));
        assertThat(printed).anySatisfy(l -> assertThat(l).contains("(stderr) err"));
    }

    @Test
    void aNodeThatDoesNotAnswerIsNamedAndTheOthersLinesStillCome() {
        await().atMost(Duration.ofSeconds(10)).until(() -> logs("talker", Optional.empty(), 5).size() == 15);
        // A node whose logs endpoint takes the request and never answers.
        try (RouterPeer silentLogs = RouterPeer.start().handler(r -> Optional.empty());
                FakeNode silent = FakeNode.start(MANAGER.zookeeper(), "logs-silent")) {
            silent.write(silent.record().withLogsEndpoint(Optional.of(silentLogs.endpoint())).toBytes());
            await().atMost(Duration.ofSeconds(5)).until(() -> MANAGER.stateOf("logs-silent").equals("attached"));

            Answer<List<LogLineView>> answer = api.answer(ApiCall.logs("talker", Optional.empty(), 5));
            assertThat(answer.value()).hasSize(15).extracting(LogLineView::node).doesNotContain("logs-silent");
            assertThat(answer.warnings()).singleElement().asString().contains("logs-silent");

            Run run = cli("logs", "talker", "-n", "5");
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out().lines()).hasSize(15);
            assertThat(run.err()).contains("logs-silent");
        }
    }

    @Test
    void followsEveryNodeAfterItsTailWithoutLosingOrRepeatingALine() {
        await().atMost(Duration.ofSeconds(10)).until(() -> logs("talker", Optional.empty(), 5).size() == 15);
        Map<String, List<Long>> numbers = new java.util.HashMap<>();
        try (LogFollow follow = api.followLogs("talker", Optional.empty(), Optional.of(5))) {
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until || numbers.size() < 12) {
                LogFollow.Item item = follow.next().orElseThrow();
                assertThat(item).isInstanceOf(LogFollow.Line.class);
                LogLineView line = ((LogFollow.Line) item).line();
                numbers.computeIfAbsent(line.node() + "/" + line.pid() + "/" + line.stream(), k -> new java.util.ArrayList<>())
                        .add(Long.parseLong(line.line().substring(4)));
            }
        }
        // Three nodes, two processes each, stdout and stderr: each counts on, one by one, from its tail to its newest.
        assertThat(numbers).hasSize(12);
        numbers.values().forEach(n -> {
            assertThat(n.size()).isGreaterThan(5);
            for (int i = 1; i < n.size(); i++) {
                assertThat(n.get(i)).as("%s", n).isEqualTo(n.get(i - 1) + 1);
            }
        });
    }

    @Test
    void aMebibyteLineComesCutAt64KibWithItsMarkerAndTheManagerServesOn() {
        await().atMost(Duration.ofSeconds(10)).until(() -> logs("big", Optional.empty(), 1000).size() > 2);
        List<LogLineView> lines = logs("big", Optional.empty(), 1000);

        assertThat(lines.get(0).line()).hasSize(LineSplitter.MAX_LINE_BYTES + LineSplitter.CUT_MARKER.length())
                .endsWith(LineSplitter.CUT_MARKER);
        assertThat(lines.get(1).line()).isEqualTo("after the long line");
        assertThat(lines.get(2).line()).isEqualTo("still here");
        try (LogFollow follow = api.followLogs("big", Optional.empty(), Optional.of(1000))) {
            LogFollow.Item first = follow.next().orElseThrow();
            assertThat(((LogFollow.Line) first).line().line()).isEqualTo(lines.get(0).line());
        }
        assertThat(logs("talker", Optional.empty(), 5)).hasSize(15);
    }

    @Test
    void theCliFollowsUntilCtrlCAndEndsWithoutATrace() throws Exception {
        Path jar = ManagerApps.HOME.resolve("client/target/circusmeta-cli.jar");
        assertThat(jar).as("built by the client module's 'mvn package' before these integration tests").exists();
        Path out = scripts.resolve("cli-follow.out");
        Path err = scripts.resolve("cli-follow.err");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--manager", api.base(), "logs", "talker", "--node", "logs-1", "-n", "3", "-f")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            // The tail of 3, then the new lines as they come.
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readAllLines(out).size() > 20);
            assertThat(Files.readAllLines(out)).allSatisfy(l -> assertThat(l).matches(
                    "logs-1:talker\\[[0-9]+\\] (out [0-9]+|\\(stderr\\) err [0-9]+)"));
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor()).isZero();
            assertThat(cli.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).isIn(0, 130);
            assertThat(Files.readString(err)).isEmpty();
        } finally {
            cli.destroyForcibly();
        }
    }

    @Test
    void aFollowOfAQuietWatcherAnswersAtOnceAndEachLineComesAsItIsPrinted() {
        ManagerClient impatient = api.withReadTimeout(Duration.ofSeconds(5));
        try (LogFollow follow = impatient.followLogs("big", Optional.empty(), Optional.empty())) {
            for (int i = 0; i < 3; i++) {
                LogFollow.Item item = follow.next().orElseThrow();
                assertThat(((LogFollow.Line) item).line().line()).isEqualTo("still here");
            }
        }
    }

    @Test
    void aFollowOfAnUnknownWatcherIs404BeforeAnyStream() {
        assertThat(refusal(() -> api.followLogs("nope", Optional.empty(), Optional.empty())).status()).isEqualTo(404);
    }

    private static ManagerRefused refusal(Runnable call) {
        try {
            call.run();
        } catch (ManagerRefused e) {
            return e;
        }
        throw new AssertionError("the manager did not refuse");
    }

    record Run(int status, String out, String err) {}

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CircusmetaCli.run(List.of(args), Map.of("CIRCUSMETA_MANAGER", api.base()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
