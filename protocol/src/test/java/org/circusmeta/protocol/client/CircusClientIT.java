package org.circusmeta.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CircusClientIT {
    private SocketLoop loop;
    private RouterPeer peer;
    private CircusClient client;

    @BeforeEach
    void setUp() {
        loop = new SocketLoop("client-test-loop");
        loop.start();
        peer = RouterPeer.start();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        loop.close();
        peer.close();
    }

    private CircusClient client(ClientOptions options) {
        client = new CircusClient(loop, peer.endpoint(), options);
        client.start();
        return client;
    }

    /** A client whose peer reads every request and answers none: the test answers them. */
    private CircusClient clientOfAPeerThatHolds() {
        peer.handler(request -> Optional.empty());
        return client(ClientOptions.DEFAULTS);
    }

    /** The requests the peer holds, once {@code count} of them have come. */
    private List<RouterPeer.Received> held(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().size() == count);
        return peer.received();
    }

    @Test
    void answersACallWithTheDaemonsReply() {
        peer.handler(request -> {
            ObjectNode reply = RouterPeer.ok(request).orElseThrow();
            reply.putArray("watchers").add("sleeper").add("worker");
            return Optional.of(reply);
        });
        Reply reply = client(ClientOptions.DEFAULTS).callAndWait(Request.of("list"));
        assertThat(reply.isOk()).isTrue();
        assertThat(reply.get("watchers")).hasSize(2);
        RouterPeer.Received received = peer.received().get(0);
        assertThat(received.command()).isEqualTo("list");
        String wire = new String(received.body(), StandardCharsets.UTF_8);
        assertThat(wire).matches("\\{\"command\": \"list\", \"properties\": \\{\\}, \"id\": \"[0-9a-f]{32}\"\\}");
    }

    @Test
    void matchesRepliesThatComeOutOfOrder() throws Exception {
        CircusClient c = clientOfAPeerThatHolds();
        CompletableFuture<Reply> first = c.call(Request.of("status").with("name", "a"));
        CompletableFuture<Reply> second = c.call(Request.of("status").with("name", "b"));
        List<RouterPeer.Received> got = held(2);
        for (int i = got.size() - 1; i >= 0; i--) {
            ObjectNode req = (ObjectNode) got.get(i).json().orElseThrow();
            ObjectNode reply = RouterPeer.ok(req).orElseThrow();
            reply.put("status", req.path("properties").path("name").asText());
            peer.reply(got.get(i).identity(), reply);
        }
        assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo("a");
        assertThat(second.get(5, TimeUnit.SECONDS).status()).isEqualTo("b");
    }

    @Test
    void dropsAndCountsAStrangersReplyAndGarbage() throws Exception {
        CircusClient c = clientOfAPeerThatHolds();
        CompletableFuture<Reply> call = c.call(Request.of("numwatchers"));
        RouterPeer.Received req = held(1).get(0);
        ObjectNode stranger = CircusJson.object().put("status", "ok").put("id", "0123456789abcdef0123456789abcdef");
        peer.reply(req.identity(), stranger);
        peer.send(req.identity(), "not json at all".getBytes(StandardCharsets.UTF_8));
        peer.send(req.identity(), "[1, 2]".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.counters().dropped() == 3);
        assertThat(call).isNotDone();
        ObjectNode mine = RouterPeer.ok((ObjectNode) req.json().orElseThrow()).orElseThrow();
        mine.put("numwatchers", 3);
        peer.reply(req.identity(), mine);
        assertThat(call.get(5, TimeUnit.SECONDS).get("numwatchers").asInt()).isEqualTo(3);
        assertThat(c.counters().unmatched()).isEqualTo(1);
        assertThat(c.counters().malformed()).isEqualTo(2);
    }

    @Test
    void timesOutAndNeverTakesALateReplyForALaterCall() throws Exception {
        CircusClient c = client(ClientOptions.DEFAULTS);
        assertThat(c.callAndWait(Request.of("list")).isOk()).isTrue();
        peer.silence();
        long started = System.nanoTime();
        assertThatThrownBy(() -> c.callAndWait(Request.of("status"), Duration.ofMillis(300)))
                .isInstanceOf(CircusTimeoutException.class)
                .hasMessageContaining("did not answer 'status' within 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().size() == 2);
        RouterPeer.Received late = peer.received().get(1);

        peer.speak();
        peer.handler(request -> Optional.empty());
        CompletableFuture<Reply> next = c.call(Request.of("status"));
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().size() == 3);
        // the late reply to the timed-out call arrives first: it must be dropped, not given to `next`
        ObjectNode lateReply = RouterPeer.ok((ObjectNode) late.json().orElseThrow()).orElseThrow().put("status", "late");
        RouterPeer.Received current = peer.received().get(2);
        peer.reply(current.identity(), lateReply);
        peer.reply(current.identity(), RouterPeer.ok((ObjectNode) current.json().orElseThrow()).orElseThrow());
        assertThat(next.get(5, TimeUnit.SECONDS).status()).isEqualTo("ok");
        assertThat(c.counters().timeouts()).isEqualTo(1);
        assertThat(c.counters().unmatched()).isEqualTo(1);
    }

    @Test
    void worksAgainAfterThePeerRestartsOnTheSamePort() {
        CircusClient c = client(ClientOptions.DEFAULTS);
        assertThat(c.callAndWait(Request.of("list")).isOk()).isTrue();
        int port = peer.port();
        peer.close();
        peer = RouterPeer.start(port);
        assertThat(c.callAndWait(Request.of("list")).isOk()).isTrue();
    }

    @Test
    void retriesABusyDaemonUntilItAnswers() {
        AtomicInteger refusals = new AtomicInteger(3);
        peer.handler(request -> {
            if (refusals.getAndDecrement() > 0) {
                ObjectNode busy = CircusJson.object();
                busy.put("status", "error").put("reason", "arbiter is already running watcher_stop command").putNull("tb");
                busy.put("time", 1.0).put("errno", 5).set("id", request.get("id"));
                return Optional.of(busy);
            }
            return RouterPeer.ok(request);
        });
        Reply reply = client(ClientOptions.DEFAULTS).callAndWait(Request.of("start").with("name", "sleeper"));
        assertThat(reply.isOk()).isTrue();
        assertThat(client.counters().busyRetries()).isEqualTo(3);
        assertThat(peer.received()).hasSize(4);
    }

    @Test
    void givesEveryOneOfAThousandConcurrentCallersItsOwnReply() throws Exception {
        peer.handler(request -> {
            ObjectNode reply = RouterPeer.ok(request).orElseThrow();
            reply.set("echo", request.path("properties").path("n"));
            return Optional.of(reply);
        });
        CircusClient c = client(ClientOptions.DEFAULTS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                results.add(pool.submit(() -> c.callAndWait(Request.of("status").with("n", n)).get("echo").asInt() == n));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.counters().replies()).isEqualTo(1000);
        assertThat(c.counters().dropped()).isZero();
    }

    @Test
    void failsPendingCallsWhenClosed() {
        peer.silence();
        CircusClient c = client(ClientOptions.DEFAULTS);
        CompletableFuture<Reply> pending = c.call(Request.of("status"));
        c.close();
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CircusClosedException.class);
        assertThatThrownBy(() -> c.callAndWait(Request.of("status"))).isInstanceOf(CircusClosedException.class);
    }

    @Test
    void castsARequestThatGetsNoReply() throws Exception {
        CircusClient c = client(ClientOptions.DEFAULTS);
        c.cast(Request.of("incr").with("name", "sleeper")).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().size() == 1);
        ObjectNode sent = (ObjectNode) peer.received().get(0).json().orElseThrow();
        List<String> keys = new ArrayList<>();
        sent.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("command", "properties", "msg_type", "id");
        assertThat(sent.get("msg_type").asText()).isEqualTo("cast");
        assertThat(c.inFlight()).isZero();
        // the connection is still usable, and nothing the peer sends is taken for the cast
        assertThat(c.callAndWait(Request.of("list")).isOk()).isTrue();
        assertThat(c.counters().sent()).isEqualTo(2);
        assertThat(c.counters().replies()).isEqualTo(1);
    }

    @Test
    void waitsForADaemonThatComesUpAfterTheCall() throws Exception {
        int port = peer.port();
        peer.close();
        CircusClient c = new CircusClient(loop, "tcp://127.0.0.1:" + port, ClientOptions.DEFAULTS);
        client = c;
        c.start();
        CompletableFuture<Reply> early = c.call(Request.of("list"));
        assertThat(early).isNotDone();
        peer = RouterPeer.start(port);
        assertThat(early.get(5, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(peer.received()).hasSize(1);
    }

    @Test
    void returnsTheBusyRefusalWhenTheDeadlineLeavesNoRoomForAnotherTry() {
        peer.handler(request -> {
            if (request.get("command").asText().equals("list")) {
                return RouterPeer.ok(request);
            }
            ObjectNode busy = CircusJson.object();
            busy.put("status", "error").put("reason", "arbiter is already running watcher_stop command").putNull("tb");
            busy.put("time", 1.0).put("errno", 5).set("id", request.get("id"));
            return Optional.of(busy);
        });
        CircusClient c = client(ClientOptions.DEFAULTS);
        assertThat(c.callAndWait(Request.of("list")).isOk()).isTrue();
        Reply reply = c.callAndWait(Request.of("start").with("name", "sleeper"), Duration.ofMillis(400));
        assertThat(reply.isBusy()).isTrue();
        assertThat(c.counters().busyRetries()).isPositive();
        List<RouterPeer.Received> starts = peer.received().stream().filter(r -> r.command().equals("start")).toList();
        assertThat(starts).hasSize((int) c.counters().busyRetries() + 1);
        Set<String> ids = starts.stream().map(r -> r.json().orElseThrow().get("id").asText()).collect(Collectors.toSet());
        assertThat(ids).hasSize(starts.size());
    }

    @Test
    void dropsAMultipartReply() throws Exception {
        CircusClient c = clientOfAPeerThatHolds();
        CompletableFuture<Reply> call = c.call(Request.of("list"));
        RouterPeer.Received req = held(1).get(0);
        byte[] reply = RouterPeer.ok((ObjectNode) req.json().orElseThrow()).orElseThrow().toString().getBytes(StandardCharsets.UTF_8);
        peer.send(req.identity(), reply, reply);
        await().atMost(Duration.ofSeconds(5)).until(() -> c.counters().malformed() == 1);
        assertThat(call).isNotDone();
        peer.send(req.identity(), reply);
        assertThat(call.get(5, TimeUnit.SECONDS).isOk()).isTrue();
    }

    @Test
    void leavesNoThreadBehindOnceClientAndLoopAreClosed() {
        SocketLoop own = new SocketLoop("leak-check-loop");
        own.start();
        CircusClient c = new CircusClient(own, peer.endpoint());
        c.start();
        assertThat(c.callAndWait(Request.of("list")).isOk()).isTrue();
        assertThat(threadsNamed("leak-check-loop")).contains("leak-check-loop")
                .anyMatch(n -> n.contains("-zmq-iothread")).anyMatch(n -> n.contains("-zmq-reaper"));
        c.close();
        own.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsNamed("leak-check-loop")).isEmpty());
        assertThatThrownBy(() -> c.callAndWait(Request.of("list"))).isInstanceOf(CircusClosedException.class);
    }

    @Test
    void failsCallsOfAClientWhoseLoopIsClosed() {
        SocketLoop own = new SocketLoop("closing-loop");
        own.start();
        peer.silence();
        CircusClient c = new CircusClient(own, peer.endpoint());
        c.start();
        CompletableFuture<Reply> pending = c.call(Request.of("status"));
        own.close();
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CircusClosedException.class);
        assertThatThrownBy(() -> c.callAndWait(Request.of("status"))).isInstanceOf(CircusClosedException.class);
        c.close();
    }

    @Test
    void replacesAConnectionWhoseHandshakeNeverComes() throws Exception {
        int port = peer.port();
        peer.close();
        CompletableFuture<Reply> call;
        try (ServerSocket mute = new ServerSocket()) {
            // accepts TCP connections and never speaks ZMTP, like a connection JeroMQ forgets to handshake
            mute.setReuseAddress(true);
            mute.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(mute.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "mute-acceptor");
            acceptor.start();
            CircusClient c = new CircusClient(loop, "tcp://127.0.0.1:" + port);
            client = c;
            c.start();
            call = c.call(Request.of("list"), Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(5)).until(() -> c.counters().reconnects() >= 3);
            assertThat(call).isNotDone();
            mute.close();
            acceptor.join(5_000);
            for (Socket s : accepted) {
                s.close();
            }
        }
        peer = RouterPeer.start(port);
        assertThat(call.get(10, TimeUnit.SECONDS).isOk()).isTrue();
    }

    private static Set<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }
}
