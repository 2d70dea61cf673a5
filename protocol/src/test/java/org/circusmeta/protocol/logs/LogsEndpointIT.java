package org.circusmeta.protocol.logs;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.RawDealer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import static org.awaitility.Awaitility.await;


/** A real logs endpoint and real clients over loopback TCP. */
@Timeout(60)
class LogsEndpointIT {
    private SocketLoop serverLoop;
    private SocketLoop clientLoop;
    private LogsEndpoint endpoint;
    private LogsClient client;

    @BeforeEach
    void start() {
        serverLoop = new SocketLoop("logs-test-server");
        serverLoop.start();
        clientLoop = new SocketLoop("logs-test-clients");
        clientLoop.start();
        endpoint = new LogsEndpoint(serverLoop, "tcp://127.0.0.1:0", "test", LogsOptions.DEFAULTS.withKeep(1000, 1 << 20)
                .withLease(Duration.ofSeconds(3)));
        endpoint.start();
        client = new LogsClient(clientLoop, endpoint.boundEndpoint(), "node-1");
        client.start();
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
        clientLoop.close();
        serverLoop.close();
    }

    private void append(String watcher, long pid, LogStream stream, int from, int to) {
        List<CapturedLine> lines = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            lines.add(new CapturedLine(OptionalLong.of(pid), stream, 1795657655.409, "line " + i));
        }
        endpoint.append(watcher, lines);
    }

    /** A tail, once what the test gave the endpoint (queued to its loop) is done: a request must not overtake it. */
    private Tail tail(LogQuery q) {
        serverLoop.runAndWait(() -> { });
        return client.tail(q, Duration.ofSeconds(10)).join();
    }

    /** Collects what a follow brings. */
    static final class Collector implements LogListener {
        final List<LogLine> lines = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final AtomicLong lost = new AtomicLong();

        @Override
        public void onLines(List<LogLine> batch) {
            lines.addAll(batch);
        }

        @Override
        public void onLost(String watcher, long count) {
            lost.addAndGet(count);
        }

        @Override
        public void onProblem(String reason) {
            problems.add(reason);
        }

        List<String> texts() {
            return lines.stream().map(LogLine::line).toList();
        }
    }

    private static List<String> numbered(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("line " + i);
        }
        return out;
    }

    @Test
    void tailsTheNewestLinesWithPidStreamTimeAndNumbers() {
        endpoint.declare("web", List.of());
        append("web", 11, LogStream.STDOUT, 1, 60);
        append("web", 12, LogStream.STDERR, 61, 70);
        Tail t = tail(LogQuery.of("WEB", 50).withPid(11));
        assertThat(t.isOk()).isTrue();
        assertThat(t.lines()).extracting(LogLine::line).isEqualTo(numbered(11, 60));
        LogLine first = t.lines().get(0);
        assertThat(first.node()).contains("node-1");
        assertThat(first.watcher()).isEqualTo("web");
        assertThat(first.pid()).hasValue(11);
        assertThat(first.stream()).isEqualTo(LogStream.STDOUT);
        assertThat(first.time()).isEqualTo(1795657655.409);
        assertThat(first.seq()).isEqualTo(11);
        assertThat(t.last()).isEqualTo(70);
        assertThat(tail(LogQuery.of("web", 5).withStream(LogStream.STDERR)).lines()).extracting(LogLine::line)
                .isEqualTo(numbered(66, 70));
    }

    @Test
    void refusesAnUnknownWatcherAndOneWithoutReadableOutputWithTheFix() {
        endpoint.declare("web", List.of());
        Tail unknown = tail(LogQuery.of("nope", 5));
        assertThat(unknown.refusal()).get().extracting(Refusal::code).isEqualTo(Refusal.UNKNOWN_WATCHER);
        assertThat(unknown.refusal().get().reason()).contains("no watcher 'nope'").contains("web");

        List<String> fix = List.of("stdout_stream.class = FileStream", "stdout_stream.filename = /var/log/x.log");
        endpoint.declare("quiet", List.of(new Unreadable(LogStream.STDOUT, "circusd discards it", fix),
                new Unreadable(LogStream.STDERR, "circusd discards it", List.of())));
        Tail quiet = tail(LogQuery.of("quiet", 5));
        assertThat(quiet.refusal()).get().extracting(Refusal::code).isEqualTo(Refusal.NO_OUTPUT);
        assertThat(quiet.refusal().get().unreadable()).hasSize(2);
        assertThat(quiet.refusal().get().describe()).contains("stdout_stream.class = FileStream");

        endpoint.declare("half", List.of(new Unreadable(LogStream.STDERR, "discarded", List.of())));
        append("half", 1, LogStream.STDOUT, 1, 2);
        Tail half = tail(LogQuery.of("half", 5));
        assertThat(half.isOk()).isTrue();
        assertThat(half.lines()).hasSize(2);
        assertThat(half.unreadable()).extracting(Unreadable::stream).containsExactly(LogStream.STDERR);
    }

    @Test
    void aFollowerGetsTheTailThenEveryNewLineOnceWhileLinesKeepComing() throws Exception {
        endpoint.declare("web", List.of());
        append("web", 1, LogStream.STDOUT, 1, 100);
        Thread writer = new Thread(() -> {
            for (int i = 101; i <= 3_000; i += 10) {
                append("web", 1, LogStream.STDOUT, i, i + 9);
            }
        }, "test-writer");
        Collector c = new Collector();
        writer.start();
        try (Follow f = client.follow(LogQuery.of("web", 50), c)) {
            writer.join();
            await().atMost(Duration.ofSeconds(20)).until(() -> c.lines.size() >= 2 && last(c) == 3_000);
            List<Long> seqs = c.lines.stream().map(LogLine::seq).toList();
            long first = seqs.get(0);
            assertThat(first).as("the tail: at most 50 lines before the join").isLessThanOrEqualTo(2_951);
            List<Long> expected = new ArrayList<>();
            for (long s = first; s <= 3_000; s++) {
                expected.add(s);
            }
            assertThat(seqs).as("every line from the tail's first on, once, in order").isEqualTo(expected);
            assertThat(c.texts().get(c.texts().size() - 1)).isEqualTo("line 3000");
            assertThat(c.lost.get()).isZero();
        }
    }

    private static long last(Collector c) {
        return c.lines.isEmpty() ? 0 : c.lines.get(c.lines.size() - 1).seq();
    }

    @Test
    void aFollowOfOnePidGetsOnlyItsLinesAndNoFalseGaps() {
        endpoint.declare("web", List.of());
        Collector c = new Collector();
        try (Follow f = client.follow(LogQuery.of("web", 0).withPid(2), c)) {
            await().until(f::isServed);
            for (int i = 1; i <= 300; i++) {
                append("web", i % 3, LogStream.STDOUT, i, i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> c.lines.size() == 100);
            assertThat(c.lines).allSatisfy(l -> assertThat(l.pid()).hasValue(2));
            assertThat(c.lost.get()).isZero();
        }
    }

    @Test
    void aBigCatchUpComesInChunksAndNothingIsLost() {
        endpoint.declare("big", List.of());
        List<CapturedLine> lines = new ArrayList<>();
        String text = "x".repeat(900);
        for (int i = 0; i < 1000; i++) {
            lines.add(new CapturedLine(OptionalLong.of(1), LogStream.STDOUT, 1.0, text + i));
        }
        endpoint.append("big", lines);
        Collector c = new Collector();
        try (Follow f = client.follow(LogQuery.of("big", 1000), c)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.lines.size() == 1000);
            assertThat(c.texts().get(999)).isEqualTo(text + 999);
            append("big", 1, LogStream.STDOUT, 1, 1);
            await().until(() -> c.lines.size() == 1001);
        }
    }

    @Test
    void aWatcherForgottenAndDeclaredAgainStartsANewEpochItsFollowersFollow() {
        endpoint.declare("web", List.of());
        append("web", 1, LogStream.STDOUT, 1, 5);
        Collector c = new Collector();
        try (Follow f = client.follow(LogQuery.of("web", 5), c)) {
            await().until(() -> c.lines.size() == 5);
            endpoint.forget("web");
            endpoint.declare("web", List.of());
            append("web", 1, LogStream.STDOUT, 6, 8);
            await().until(() -> c.lines.size() == 8);
            assertThat(c.lines.get(5).seq()).isEqualTo(1);
            assertThat(c.lines.get(5).epoch()).isNotEqualTo(c.lines.get(0).epoch());
        }
    }

    @Test
    void garbageFramesAreDroppedAndCountedAndTheEndpointGoesOn() {
        endpoint.declare("web", List.of());
        try (ZContext raw = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealer.open(raw, endpoint.boundEndpoint(), RawDealer.LOGS_PROBE,
                    s -> s.setReceiveTimeOut(5_000));
            dealer.send("not json");
            dealer.sendMore("two");
            dealer.send("frames");
            dealer.send("{\"v\": 1, \"id\": \"a\", \"type\": \"frobnicate\"}");
            ObjectNode refusal = CircusJson.readObject(dealer.recv());
            assertThat(refusal.path("status").asText()).isEqualTo("error");
            assertThat(refusal.path("code").asText()).isEqualTo(Refusal.BAD_REQUEST);
            dealer.send("{\"v\": 9, \"id\": \"b\", \"type\": \"info\"}");
            assertThat(CircusJson.readObject(dealer.recv()).path("code").asText()).isEqualTo(Refusal.UNSUPPORTED_VERSION);
            dealer.send(new byte[100_000]);
        }
        await().until(() -> endpoint.counters().malformed() >= 4);
        assertThat(tail(LogQuery.of("web", 1)).isOk()).isTrue();
        assertThat(client.info(Duration.ofSeconds(5)).join().watchers()).extracting(LogsInfo.Watcher::name)
                .containsExactly("web");
    }

    @Test
    void aFollowerThatNeverReadsFallsBehindAndEndsWithItsLease() {
        endpoint.declare("flood", List.of());
        try (ZContext raw = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealer.open(raw, endpoint.boundEndpoint(), RawDealer.LOGS_PROBE,
                    s -> s.setRcvHWM(10));
            dealer.send("{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"follow\": \"f\", \"watcher\": \"flood\"}");
            await().until(() -> endpoint.counters().follows() == 1);
            String text = "y".repeat(10_000);
            for (int round = 0; round < 400 && endpoint.counters().behind() == 0; round++) {
                List<CapturedLine> lines = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    lines.add(new CapturedLine(OptionalLong.of(1), LogStream.STDOUT, 1.0, text));
                }
                endpoint.append("flood", lines);
                serverLoop.runAndWait(() -> { });
            }
            assertThat(endpoint.counters().followsFellBehind()).isEqualTo(1);
            assertThat(endpoint.counters().behind()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.counters().follows() == 0);
            assertThat(endpoint.counters().followsExpired()).isEqualTo(1);
        }
    }

    @Test
    void aFollowerWhoseConnectionIsGoneNeitherFailsThePushesNorTheClose() throws Exception {
        endpoint.declare("web", List.of());
        try (ZContext raw = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealer.open(raw, endpoint.boundEndpoint(), RawDealer.LOGS_PROBE, s -> { });
            dealer.send("{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"follow\": \"f\", \"watcher\": \"web\"}");
            await().until(() -> endpoint.counters().follows() == 1);
        }
        // The follower's connection is gone: a push to it cannot be queued, so the follow is behind
        // until its lease ends, and nothing fails on the way.
        int[] next = {1};
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            append("web", 7, LogStream.STDOUT, next[0], next[0] + 9);
            next[0] += 10;
            serverLoop.runAndWait(() -> { });
            return endpoint.counters().behind() == 1;
        });
        String address = endpoint.boundEndpoint();
        endpoint.close();
        // The close told the gone follower that the server stops, then closed its socket: the port is free.
        try (ZContext probe = new ZContext(1)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                ZMQ.Socket s = probe.createSocket(org.zeromq.SocketType.ROUTER);
                try {
                    return s.bind(address);
                } catch (org.zeromq.ZMQException e) {
                    return false;
                } finally {
                    probe.destroySocket(s);
                }
            });
        }
    }

    @Test
    void aFollowerThatFellBehindIsOfferedWhatItMissedOnceItReadsAgain() {
        endpoint.declare("burst", List.of());
        try (ZContext raw = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealer.open(raw, endpoint.boundEndpoint(), RawDealer.LOGS_PROBE, s -> {
                s.setRcvHWM(10);
                s.setReceiveTimeOut(200);
            });
            dealer.send("{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"follow\": \"f\", \"watcher\": \"burst\"}");
            await().until(() -> endpoint.counters().follows() == 1);
            // It reads nothing while 20 KB lines pour in, until nothing more can be queued for it.
            String text = "z".repeat(20_000);
            int rounds = 0;
            for (; endpoint.counters().behind() == 0 && rounds < 5_000; rounds++) {
                List<CapturedLine> lines = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    lines.add(new CapturedLine(OptionalLong.of(1), LogStream.STDOUT, 1.0, text));
                }
                endpoint.append("burst", lines);
                serverLoop.runAndWait(() -> { });
            }
            assertThat(endpoint.counters().behind()).as("behind after %d rounds", rounds).isEqualTo(1);
            // More than the log keeps (1 MiB of text here) comes while it is behind.
            for (int round = 0; round < 20; round++) {
                append("burst", 1, LogStream.STDOUT, 1, 10);
                List<CapturedLine> lines = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    lines.add(new CapturedLine(OptionalLong.of(1), LogStream.STDOUT, 1.0, text));
                }
                endpoint.append("burst", lines);
            }
            serverLoop.runAndWait(() -> { });
            assertThat(endpoint.counters().behind()).isEqualTo(1);
            long appended = endpoint.counters().linesAppended();

            // It reads again; the next lines bring it what it missed, as far as the log keeps it.
            long seen = 0;
            long lost = 0;
            long received = 0;
            while (seen <= appended) {
                byte[] frame = dealer.recv();
                if (frame == null) {
                    // All read: the next line offers it the rest.
                    append("burst", 1, LogStream.STDOUT, 1, 1);
                    continue;
                }
                com.fasterxml.jackson.databind.node.ObjectNode run = CircusJson.readObject(frame);
                if (!run.has("lines")) {
                    continue;
                }
                long after = run.path("after").asLong();
                assertThat(after).as("no gap on the way").isLessThanOrEqualTo(seen);
                long gone = after + run.path("lost").asLong(0);
                if (gone > seen) {
                    lost += gone - seen;
                    seen = gone;
                }
                for (var l : run.path("lines")) {
                    if (l.path("seq").asLong() > seen) {
                        received++;
                        seen = l.path("seq").asLong();
                    }
                }
                seen = Math.max(seen, run.path("last").asLong());
            }
            assertThat(received + lost).as("every line received or told lost").isEqualTo(seen);
            assertThat(lost).as("the log keeps 1,000 lines: the rest were lost").isPositive();
            await().until(() -> endpoint.counters().behind() == 0);
        }
    }

    @Test
    void aFollowNotRenewedExpiresAndOneRenewedStays() {
        endpoint.declare("web", List.of());
        try (ZContext raw = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealer.open(raw, endpoint.boundEndpoint(), RawDealer.LOGS_PROBE);
            dealer.send("{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"follow\": \"f\", \"watcher\": \"web\"}");
            await().until(() -> endpoint.counters().follows() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.counters().followsExpired() == 1);
        }
        Collector c = new Collector();
        try (Follow f = client.follow(LogQuery.of("web", 0), c)) {
            await().until(f::isServed);
            // Four renewals, a third of the 3 s lease apart: well past the lease.
            long served = endpoint.counters().requests();
            await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.counters().requests() >= served + 4);
            append("web", 1, LogStream.STDOUT, 1, 1);
            await().until(() -> c.lines.size() == 1);
            assertThat(endpoint.counters().followsExpired()).isEqualTo(1);
        }
    }

    @Test
    void aTailOfASilentServerFailsAtItsDeadline() {
        LogsClient lonely = new LogsClient(clientLoop, "tcp://127.0.0.1:9");
        lonely.start();
        try {
            assertThat(lonely.tail(LogQuery.of("web", 1), Duration.ofMillis(300)))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(CircusTimeoutException.class);
        } finally {
            lonely.close();
        }
    }

    @Test
    void oneLoopServesTheClientsOfManyEndpoints() {
        List<LogsEndpoint> endpoints = new ArrayList<>();
        List<LogsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                LogsEndpoint e = new LogsEndpoint(serverLoop, "tcp://127.0.0.1:0", "test", LogsOptions.DEFAULTS);
                e.start();
                e.declare("w", List.of());
                e.append("w", List.of(new CapturedLine(OptionalLong.empty(), LogStream.STDOUT, 1.0, "from " + i)));
                endpoints.add(e);
                LogsClient c = new LogsClient(clientLoop, e.boundEndpoint(), "n" + i);
                c.start();
                clients.add(c);
            }
            for (int i = 0; i < 50; i++) {
                Tail t = clients.get(i).tail(LogQuery.of("w", 1), Duration.ofSeconds(10)).join();
                assertThat(t.lines()).extracting(LogLine::line).containsExactly("from " + i);
                assertThat(t.lines().get(0).pid()).isEmpty();
            }
        } finally {
            clients.forEach(LogsClient::close);
            endpoints.forEach(LogsEndpoint::close);
        }
    }

    @Test
    void followersHearWhenTheServerStops() {
        endpoint.declare("web", List.of());
        Collector c = new Collector();
        Follow f = client.follow(LogQuery.of("web", 0), c);
        await().until(f::isServed);
        endpoint.close();
        await().until(() -> c.problems.stream().anyMatch(p -> p.contains("shutting down")));
        assertThat(f.isServed()).isFalse();
        f.close();
    }
}
