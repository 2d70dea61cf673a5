package org.circusmeta.node.output;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.ShellScripts;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.logs.Follow;
import org.circusmeta.protocol.logs.LineSplitter;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogListener;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.logs.Tail;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.RawDealer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import static org.awaitility.Awaitility.await;


/** A real node running real processes, its logs read through its logs endpoint. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeLogsIT {
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "logs_endpoint = tcp://127.0.0.1:0\n";
    /** Each process prints "<its pid> out <n>" on stdout and "<its pid> err <n>" on stderr every 100 ms. */
    private static final String NUMBERED = """
            i=0
            while true; do
              i=$((i+1))
              echo "$$ out $i"
              echo "$$ err $i" >&2
              sleep 0.1
            done
            """;
    private static final Pattern LINE = Pattern.compile("(\\d+) (out|err) (\\d+)");

    @TempDir
    Path dir;
    private final SocketLoop clientLoop = new SocketLoop("logs-it-clients");
    private CircusNode node;
    private LogsClient logs;
    private CircusClient control;

    @BeforeEach
    void startLoop() {
        clientLoop.start();
    }

    @AfterEach
    void stop() {
        if (logs != null) {
            logs.close();
        }
        if (control != null) {
            control.close();
        }
        if (node != null) {
            node.close();
        }
        clientLoop.close();
    }

    private void start(String ini) {
        node = CircusNode.standalone(NodeConfig.parse(CIRCUS + ini, "logs.ini"));
        node.start();
        logs = new LogsClient(clientLoop, node.logsEndpoint(), "node-1");
        logs.start();
        control = new CircusClient(clientLoop, node.endpoint());
        control.start();
    }

    private String script(String name, String body) {
        return ShellScripts.command(dir, name, body);
    }

    private Tail tail(LogQuery q) {
        return logs.tail(q, Duration.ofSeconds(10)).join();
    }

    private List<Long> pids(String watcher) {
        List<Long> out = new ArrayList<>();
        control.callAndWait(Request.of("list", Map.of("name", watcher))).get("pids").forEach(p -> out.add(p.asLong()));
        return out;
    }

    /** The number in a line of the numbered script, checking that the pid it prints is the line's pid. */
    private static int number(LogLine l) {
        Matcher m = LINE.matcher(l.line());
        assertThat(m.matches()).as("line '%s'", l.line()).isTrue();
        assertThat(l.pid()).as("the pid of '%s'", l.line()).hasValue(Long.parseLong(m.group(1)));
        assertThat(l.stream()).isEqualTo(m.group(2).equals("out") ? LogStream.STDOUT : LogStream.STDERR);
        return Integer.parseInt(m.group(3));
    }

    @Test
    void tailsFiftyLinesOfEachOfThreeProcessesThenFollowsEveryNewLineOnce() throws Exception {
        start("[watcher:numbered]\ncmd = " + script("numbered.sh", NUMBERED) + "\nnumprocesses = 3\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> pids("numbered").size() == 3);
        List<Long> pids = pids("numbered");
        // Each process has printed more than 50 lines on stdout.
        await().atMost(Duration.ofSeconds(30)).until(() -> pids.stream().allMatch(pid ->
                tail(LogQuery.of("numbered", 60).withPid(pid).withStream(LogStream.STDOUT)).lines().size() == 60));

        for (long pid : pids) {
            Tail t = tail(LogQuery.of("numbered", 50).withPid(pid).withStream(LogStream.STDOUT));
            assertThat(t.lines()).hasSize(50);
            List<Integer> numbers = t.lines().stream().map(NodeLogsIT::number).toList();
            assertThat(numbers).as("consecutive").isEqualTo(range(numbers.get(0), numbers.get(0) + 49));
            assertThat(t.lines()).allSatisfy(l -> assertThat(l.node()).contains("node-1"));
        }

        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        LogListener listener = new LogListener() {
            @Override
            public void onLines(List<LogLine> lines) {
                for (LogLine l : lines) {
                    seen.computeIfAbsent(l.pid().getAsLong() + " " + l.stream().wireName(), k -> new CopyOnWriteArrayList<>())
                            .add(number(l));
                }
            }

            @Override
            public void onLost(String watcher, long count) {
                problems.add("lost " + count);
            }
        };
        Map<String, Integer> startAt = new HashMap<>();
        try (Follow f = logs.follow(LogQuery.of("numbered", 300), listener)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 6);
            seen.forEach((k, v) -> startAt.put(k, v.get(v.size() - 1)));
            // Several seconds of live lines: 40 more of each, at 10 a second.
            await().atMost(Duration.ofSeconds(30)).until(() -> startAt.entrySet().stream()
                    .allMatch(e -> last(seen.get(e.getKey())) >= e.getValue() + 40));
        }
        assertThat(problems).isEmpty();
        for (Map.Entry<String, List<Integer>> e : seen.entrySet()) {
            List<Integer> numbers = e.getValue();
            assertThat(numbers).as("the lines of %s: the tail, then every new one, each once", e.getKey())
                    .isEqualTo(range(numbers.get(0), last(numbers)));
            assertThat(numbers.size()).isGreaterThanOrEqualTo(90);
        }
    }

    private static int last(List<Integer> numbers) {
        return numbers.get(numbers.size() - 1);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void keepsStdoutAndStderrApartAndCutsAOneMebibyteLineAt64KibLeavingTheNodeUnharmed() throws Exception {
        String huge = "head -c 1048576 /dev/zero | tr '\\0' x; echo; echo after the long line; echo on stderr >&2\n"
                + "while true; do echo still here; sleep 0.2; done\n";
        start("[watcher:big]\ncmd = " + script("big.sh", huge) + "\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> tail(LogQuery.of("big", 10).withStream(LogStream.STDERR))
                .lines().size() == 1);
        Tail out = tail(LogQuery.of("big", 3).withStream(LogStream.STDOUT));
        List<String> texts = tail(LogQuery.of("big", 1000).withStream(LogStream.STDOUT)).lines().stream()
                .map(LogLine::line).toList();
        String cut = texts.get(0);
        assertThat(cut).hasSize(LineSplitter.MAX_LINE_BYTES + LineSplitter.CUT_MARKER.length()).endsWith(LineSplitter.CUT_MARKER);
        assertThat(texts.get(1)).isEqualTo("after the long line");
        assertThat(out.lines()).allSatisfy(l -> assertThat(l.stream()).isEqualTo(LogStream.STDOUT));
        assertThat(tail(LogQuery.of("big", 10).withStream(LogStream.STDERR)).lines()).extracting(LogLine::line)
                .containsExactly("on stderr");

        Reply status = control.callAndWait(Request.of("status", Map.of("name", "big")));
        assertThat(status.status()).isEqualTo("active");
        long before = tail(LogQuery.of("big", 1)).last();
        await().atMost(Duration.ofSeconds(5)).until(() -> tail(LogQuery.of("big", 1)).last() > before);
    }

    @Test
    void capturingLeavesTheFileStreamWritingItsFileRotatedAsCircusRotatesIt() throws Exception {
        Path log = dir.resolve("out.log");
        // Ten lines at a time, 20 ms apart: writes of about 90 bytes, as a program that logs now and then.
        String quick = "i=0; while [ $i -lt 400 ]; do i=$((i+1)); echo \"line $i\"; "
                + "if [ $((i % 10)) -eq 0 ]; then sleep 0.02; fi; done; sleep 1000\n";
        start("[watcher:filed]\ncmd = " + script("quick.sh", quick) + "\n"
                + "stdout_stream.class = FileStream\nstdout_stream.filename = " + log + "\n"
                + "stdout_stream.max_bytes = 1000\nstdout_stream.backup_count = 20\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> tail(LogQuery.of("filed", 1)).last() == 400);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log) && Files.readString(log).endsWith("line 400\n"));

        StringBuilder all = new StringBuilder();
        for (int i = 20; i >= 1; i--) {
            Path backup = dir.resolve("out.log." + i);
            if (Files.exists(backup)) {
                assertThat(Files.size(backup)).isLessThan(1000);
                all.append(Files.readString(backup));
            }
        }
        all.append(Files.readString(log));
        assertThat(Files.exists(dir.resolve("out.log.3"))).as("it rotated").isTrue();
        String expected = range(1, 400).stream().map(i -> "line " + i + "\n").reduce("", String::concat);
        assertThat(all.toString()).as("every line, in order, across the files").isEqualTo(expected);

        Reply options = control.callAndWait(Request.of("options", Map.of("name", "filed")));
        assertThat(options.get("options").get("stdout_stream_conf").toString())
                .isEqualTo(CircusJson.readObject(("{\"filename\": \"" + log + "\", \"max_bytes\": \"1000\", "
                        + "\"backup_count\": \"20\"}").getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void aFollowerThatNeverReadsFallsBehindAndTheNodeMemoryStaysBounded() throws Exception {
        String flood = "line=$(head -c 1000 /dev/zero | tr '\\0' y); while true; do echo \"$line\"; done\n";
        start("[watcher:flood]\ncmd = " + script("flood.sh", flood) + "\n");
        Runtime rt = Runtime.getRuntime();
        try (ZContext raw = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealer.open(raw, node.logsEndpoint(), RawDealer.LOGS_PROBE, s -> s.setRcvHWM(10));
            String followRequest = "{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"follow\": \"f\", \"watcher\": \"flood\"}";
            dealer.send(followRequest);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.logsCounters().behind() == 1);
            long heapAtDrop = usedHeapAfterGc(rt);
            long appendedAtDrop = node.logsCounters().linesAppended();
            // 150 MB more of output (more than twice the bound below) go through the node while the
            // follower still never reads. It renews its follow as a real follower does (a third of
            // the 15 s lease), so that a slow machine cannot let the lease end the follow first.
            long[] renewedAt = {System.nanoTime()};
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                if (System.nanoTime() - renewedAt[0] > Duration.ofSeconds(4).toNanos()) {
                    dealer.send(followRequest, ZMQ.DONTWAIT);
                    renewedAt[0] = System.nanoTime();
                }
                return node.logsCounters().linesAppended() > appendedAtDrop + 150_000;
            });
            long heapAfter = usedHeapAfterGc(rt);
            assertThat(heapAfter - heapAtDrop).as("heap growth after 150 MB more output, bytes").isLessThan(64L << 20);
            assertThat(node.logsCounters().behind()).as("still behind: nothing more was queued for it").isEqualTo(1);
            assertThat(node.logsCounters().followsFellBehind()).isEqualTo(1);
            assertThat(node.logsCounters().followsExpired()).as("the renewed follow was never dropped").isZero();
        }
        Reply status = control.callAndWait(Request.of("status", Map.of("name", "flood")));
        assertThat(status.status()).isEqualTo("active");
    }

    private static long usedHeapAfterGc(Runtime rt) {
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aStdoutStreamStillGoesToTheNodesStdout() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            start("[watcher:printer]\ncmd = " + script("print.sh", "echo to the node; echo also stderr >&2; sleep 1000\n")
                    + "\nstdout_stream.class = StdoutStream\nstderr_stream.class = StdoutStream\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> captured.toString(StandardCharsets.UTF_8).contains("to the node")
                    && captured.toString(StandardCharsets.UTF_8).contains("also stderr"));
            assertThat(tail(LogQuery.of("printer", 10)).lines()).extracting(LogLine::line)
                    .containsExactlyInAnyOrder("to the node", "also stderr");
        } finally {
            System.setOut(original);
        }
    }
}
