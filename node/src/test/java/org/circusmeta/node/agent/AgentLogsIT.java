package org.circusmeta.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.ShellScripts;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.logs.Follow;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogListener;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.logs.Refusal;
import org.circusmeta.protocol.logs.Tail;
import org.circusmeta.protocol.logs.Unreadable;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.logs.CircusdLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's logs of a circusd, against a real circusmeta-node standing in for circusd (it answers
 * {@code list}, {@code options} and the events as circusd does): the files of its FileStream
 * watchers followed across rotation, the others reported with their fix.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentLogsIT {
    @TempDir
    Path dir;
    private final SocketLoop loop = new SocketLoop("agent-logs-it");
    private CircusNode circusd;
    private CircusdLogs agent;
    private LogsClient client;
    private CircusClient control;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {client, control, agent, circusd}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        loop.close();
    }

    private void start(String watchers) throws IOException {
        Path ini = dir.resolve("circus.ini");
        Files.writeString(ini, "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n" + watchers,
                StandardCharsets.UTF_8);
        circusd = CircusNode.standalone(NodeConfig.read(ini));
        circusd.start();
        loop.start();
        agent = new CircusdLogs(loop, CircusdLogs.Settings.of(circusd.endpoint(), Optional.of(circusd.pubsubEndpoint()),
                "tcp://127.0.0.1:0", Optional.of(ini)));
        agent.start();
        client = new LogsClient(loop, agent.boundEndpoint(), "agent-01");
        client.start();
        control = new CircusClient(loop, circusd.endpoint());
        control.start();
    }

    private Tail tail(LogQuery q) {
        return client.tail(q, Duration.ofSeconds(10)).join();
    }

    private String script(String name, String body) {
        return ShellScripts.command(dir, name, body);
    }

    @Test
    void followsAFileStreamAcrossItsRotationsWithoutLosingALine() throws Exception {
        Path log = dir.resolve("web.log");
        // Waits for the go, then 400 numbered lines, five every 50 ms.
        String numbered = "while [ ! -f " + dir.resolve("go") + " ]; do sleep 0.05; done\n"
                + "i=0; while [ $i -lt 400 ]; do i=$((i+1)); echo \"line $i\"; "
                + "if [ $((i % 5)) -eq 0 ]; then sleep 0.05; fi; done; sleep 1000\n";
        start("[watcher:web]\ncmd = " + script("numbered.sh", numbered) + "\n"
                + "stdout_stream.class = FileStream\nstdout_stream.filename = " + log + "\n"
                + "stdout_stream.max_bytes = 500\nstdout_stream.backup_count = 50\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> tail(LogQuery.of("web", 1)).isOk());

        List<LogLine> got = new CopyOnWriteArrayList<>();
        List<Long> lost = new CopyOnWriteArrayList<>();
        LogListener listener = new LogListener() {
            @Override
            public void onLines(List<LogLine> lines) {
                got.addAll(lines);
            }

            @Override
            public void onLost(String watcher, long count) {
                lost.add(count);
            }
        };
        try (Follow f = client.follow(LogQuery.of("web", 1000), listener)) {
            await().until(f::isServed);
            Files.writeString(dir.resolve("go"), "");
            await().atMost(Duration.ofSeconds(40)).until(() -> !got.isEmpty() && got.get(got.size() - 1).line().equals("line 400"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            expected.add("line " + i);
        }
        assertThat(got).extracting(LogLine::line).as("every line once, in order, across the rotations").isEqualTo(expected);
        assertThat(got).allSatisfy(l -> {
            assertThat(l.pid()).as("a line read from a file has no pid").isEmpty();
            assertThat(l.stream()).isEqualTo(LogStream.STDOUT);
            assertThat(l.node()).contains("agent-01");
        });
        assertThat(lost).isEmpty();
        assertThat(dir.resolve("web.log.5")).as("the file rotated, five times at least").exists();
    }

    @Test
    void aWatcherWithoutAFileStreamIsReportedWithTheTwoLinesThatFixIt() throws Exception {
        start("[watcher:quiet]\ncmd = sleep 1000\n"
                + "[watcher:printer]\ncmd = sleep 1000\nstdout_stream.class = StdoutStream\n"
                + "[watcher:half]\ncmd = " + script("half.sh", "echo out; echo err >&2; sleep 1000\n") + "\n"
                + "stdout_stream.class = FileStream\nstdout_stream.filename = " + dir.resolve("half.log") + "\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> !tail(LogQuery.of("quiet", 1)).refusal()
                .map(Refusal::code).orElse("").equals(Refusal.UNKNOWN_WATCHER));

        Tail quiet = tail(LogQuery.of("quiet", 10));
        assertThat(quiet.refusal()).get().extracting(Refusal::code).isEqualTo(Refusal.NO_OUTPUT);
        Unreadable stdout = quiet.refusal().get().unreadable().stream().filter(u -> u.stream() == LogStream.STDOUT)
                .findFirst().orElseThrow();
        assertThat(stdout.reason()).contains("discards").contains("[watcher:quiet]");
        assertThat(stdout.fix()).containsExactly("stdout_stream.class = FileStream",
                "stdout_stream.filename = /var/log/circus/quiet.stdout.log");
        assertThat(quiet.refusal().get().describe()).contains("stdout_stream.class = FileStream");

        Tail printer = tail(LogQuery.of("printer", 10));
        assertThat(printer.refusal().get().unreadable().get(0).reason()).contains("StdoutStream");

        await().atMost(Duration.ofSeconds(10)).until(() -> tail(LogQuery.of("half", 10)).lines().size() == 1);
        Tail half = tail(LogQuery.of("half", 10));
        assertThat(half.lines()).extracting(LogLine::line).containsExactly("out");
        assertThat(half.unreadable()).extracting(Unreadable::stream).containsExactly(LogStream.STDERR);
    }

    @Test
    void aWatcherAddedAtRunTimeIsFollowedOnceCircusdAnnouncesIt() throws Exception {
        start("[watcher:first]\ncmd = sleep 1000\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> tail(LogQuery.of("first", 1)).refusal().isPresent()
                && tail(LogQuery.of("first", 1)).refusal().get().code().equals(Refusal.NO_OUTPUT));
        Path log = dir.resolve("later.log");
        Reply added = control.callAndWait(Request.of("add", CircusJson.readObject(("{\"name\": \"later\", \"cmd\": \""
                + script("later.sh", "echo hello from later; sleep 1000\n") + "\", \"start\": true, \"options\": "
                + "{\"stdout_stream\": {\"class\": \"FileStream\", \"filename\": \"" + log + "\"}}}")
                .getBytes(StandardCharsets.UTF_8))));
        assertThat(added.isOk()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> tail(LogQuery.of("later", 5)).lines().stream()
                .anyMatch(l -> l.line().equals("hello from later")));

        control.callAndWait(Request.of("rm", Map.of("name", "later")));
        await().atMost(Duration.ofSeconds(10)).until(() -> tail(LogQuery.of("later", 5)).refusal()
                .map(Refusal::code).orElse("").equals(Refusal.UNKNOWN_WATCHER));
    }
}
