package org.circusmeta.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

@Timeout(30)
class ControlEndpointIT {
    private static final Executor LATER = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
    private static final AtomicInteger CASTS = new AtomicInteger();

    private static SocketLoop serverLoop;
    private static SocketLoop clientLoop;
    private static ControlEndpoint endpoint;
    private static CircusClient client;
    private static ZContext raw;

    /** A small daemon: each command exercises one way a handler can answer. */
    private static CompletionStage<Reply> handle(Request request) {
        return switch (request.commandKey()) {
            case "list" -> CompletableFuture.completedFuture(Reply.ok().put("watchers", List.of("sleeper")).build());
            case "echo" -> CompletableFuture.completedFuture(Reply.ok().put("n", request.property("n").orElseThrow()).build());
            case "later" -> CompletableFuture.supplyAsync(() -> Reply.withStatus("active").build(), LATER);
            case "incr" -> {
                CASTS.incrementAndGet();
                yield CompletableFuture.completedFuture(Reply.ok().build());
            }
            case "boom" -> throw new IllegalStateException("kaput");
            case "boomlater" -> CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("kaput later");
            }, LATER);
            case "nothing" -> null;
            default -> CompletableFuture.completedFuture(Reply.unknownCommand(request.command()));
        };
    }

    @BeforeAll
    static void start() {
        serverLoop = new SocketLoop("endpoint-test-server");
        serverLoop.start();
        clientLoop = new SocketLoop("endpoint-test-clients");
        clientLoop.start();
        endpoint = new ControlEndpoint(serverLoop, "tcp://127.0.0.1:0", ControlEndpointIT::handle);
        endpoint.start();
        client = new CircusClient(clientLoop, endpoint.boundEndpoint());
        client.start();
        raw = new ZContext(1);
    }

    @AfterAll
    static void stop() {
        client.close();
        endpoint.close();
        raw.close();
        clientLoop.close();
        serverLoop.close();
    }

    @Test
    void bindsAFreePortAndRefusesABusyOne() {
        assertThat(endpoint.boundEndpoint()).matches("tcp://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
        ControlEndpoint second = new ControlEndpoint(serverLoop, endpoint.boundEndpoint(), ControlEndpointIT::handle);
        assertThatThrownBy(second::start).isInstanceOf(CircusException.class)
                .hasMessageContaining("could not bind the control endpoint " + endpoint.boundEndpoint());
        second.close();
    }

    @Test
    void answersAtOnceOrLaterFromAnotherThread() {
        Reply list = client.callAndWait(Request.of("list"));
        assertThat(list.status()).isEqualTo("ok");
        assertThat(list.get("watchers").get(0).asText()).isEqualTo("sleeper");
        Reply later = client.callAndWait(Request.of("later"));
        assertThat(later.status()).isEqualTo("active");
        assertThat(later.id().isTextual()).isTrue();
    }

    @Test
    void runsACastWithoutAnswering() throws Exception {
        int before = CASTS.get();
        client.cast(Request.of("incr").with("name", "sleeper")).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> CASTS.get() == before + 1);
        try (RawDealer dealer = new RawDealer()) {
            dealer.send("{\"command\": \"incr\", \"properties\": {}, \"msg_type\": \"cast\", \"id\": \"c1\"}");
            dealer.send("{\"command\": \"list\", \"properties\": {}, \"id\": \"after-cast\"}");
            // the first reply to come back is the one to the call: the cast got none
            assertThat(dealer.receive().get("id").asText()).isEqualTo("after-cast");
        }
        assertThat(CASTS.get()).isEqualTo(before + 2);
    }

    @Test
    void answersAThrowingHandlerWithCircusdsGenericError() {
        Reply reply = client.callAndWait(Request.of("boom"));
        assertThat(reply.isError()).isTrue();
        assertThat(reply.errno()).hasValue(Errno.COMMAND_ERROR.code());
        assertThat(reply.reason().orElseThrow())
                .matches("command b'\\{\"command\": \"boom\", \"properties\": \\{\\}, \"id\": \"[0-9a-f]{32}\"\\}': kaput");
        assertThat(reply.get("tb").asText()).contains("IllegalStateException: kaput");
        Reply later = client.callAndWait(Request.of("boomlater"));
        assertThat(later.errno()).hasValue(5);
        assertThat(later.reason().orElseThrow()).endsWith(": kaput later");
        assertThat(client.callAndWait(Request.of("nothing")).errno()).hasValue(5);
        assertThat(client.callAndWait(Request.of("frobnicate")).reason()).contains("unknown command: 'frobnicate'");
    }

    @Test
    void answersMalformedInputAndGoesOnServing() {
        long malformedBefore = endpoint.malformed();
        try (RawDealer dealer = new RawDealer()) {
            dealer.send("not json");
            JsonNode invalid = dealer.receive();
            assertThat(invalid.get("errno").asInt()).isEqualTo(1);
            assertThat(invalid.get("reason").asText()).isEqualTo("json invalid");
            assertThat(invalid.get("id").isNull()).isTrue();

            dealer.send("{\"id\": \"no-command\"}");
            JsonNode noCommand = dealer.receive();
            assertThat(noCommand.get("status").asText()).isEqualTo("error");
            assertThat(noCommand.get("id").asText()).isEqualTo("no-command");

            dealer.send("[1, 2]");
            assertThat(dealer.receive().get("errno").asInt()).isEqualTo(1);
            dealer.send("");
            assertThat(dealer.receive().get("errno").asInt()).isEqualTo(1);

            dealer.sendFrames("x", "{\"command\": \"list\", \"id\": \"two-frames\"}");
            dealer.send("{\"command\": \"list\", \"id\": \"after\"}");
            // the two-frame message is ignored, as circusd ignores it: the next reply is the next request's
            assertThat(dealer.receive().get("id").asText()).isEqualTo("after");
        }
        assertThat(endpoint.malformed()).isEqualTo(malformedBefore + 5);
        assertThat(client.callAndWait(Request.of("list")).isOk()).isTrue();
    }

    @Test
    void servesManyConcurrentClients() throws Exception {
        List<CircusClient> clients = new ArrayList<>();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        try {
            for (int c = 0; c < 20; c++) {
                CircusClient each = new CircusClient(clientLoop, endpoint.boundEndpoint());
                each.start();
                clients.add(each);
            }
            for (int i = 0; i < 50; i++) {
                for (int c = 0; c < clients.size(); c++) {
                    int n = c * 1_000 + i;
                    answers.add(clients.get(c).call(Request.of("echo").with("n", n)).thenApply(r -> r.get("n").asInt() == n));
                }
            }
            for (CompletableFuture<Boolean> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            clients.forEach(CircusClient::close);
        }
    }

    /** A DEALER written with plain JeroMQ, owned by the test thread, for input no client would send. */
    private static final class RawDealer implements AutoCloseable {
        private final ZMQ.Socket socket = raw.createSocket(SocketType.DEALER);

        RawDealer() {
            socket.setLinger(0);
            socket.setHandshakeIvl(1_000);
            socket.setReceiveTimeOut(10_000);
            socket.connect(endpoint.boundEndpoint());
        }

        void send(String body) {
            socket.send(body.getBytes(StandardCharsets.UTF_8));
        }

        void sendFrames(String first, String second) {
            socket.sendMore(first.getBytes(StandardCharsets.UTF_8));
            socket.send(second.getBytes(StandardCharsets.UTF_8));
        }

        JsonNode receive() {
            byte[] frame = socket.recv();
            assertThat(frame).as("a reply within 10 s").isNotNull();
            return CircusJson.read(frame);
        }

        @Override
        public void close() {
            raw.destroySocket(socket);
        }
    }
}
