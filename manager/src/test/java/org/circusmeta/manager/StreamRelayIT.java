package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Three real nodes' events and stats, relayed on the manager's sockets and served by /api/stats and /api/events. */
@Timeout(60)
class StreamRelayIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> NAMES = List.of("relay-0", "relay-1", "relay-2");

    @RegisterExtension
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString());

    private static RealNodes nodes;
    private final Http api = ManagerApps.api(APP);

    @BeforeAll
    static void startNodes() {
        nodes = new RealNodes(ZK.connectString(), "relay-nodes");
        NAMES.forEach(name -> nodes.start(name, RealNodes.watcher("sleeper", "sleep 4311", 1)));
        Http api = ManagerApps.api(APP);
        await().atMost(Duration.ofSeconds(20)).until(() -> NAMES.stream().allMatch(n -> api.stateOf(n).equals("attached")));
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void aSubscriberOfTheStatsSocketHearsFromEveryNodeWithinThreeSeconds() {
        StreamRelay relay = ManagedObjects.find(APP, StreamRelay.class);
        // The nodes publish once they have sampled their processes: count from then on.
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.liveStats().current().nodes().size() == NAMES.size());
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket sub = subscriber(context, relay.statsEndpoint(), "stat.");
            long start = System.nanoTime();
            Set<String> heard = new HashSet<>();
            while (heard.size() < NAMES.size() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
                Optional<String[]> message = receive(sub, 100);
                if (message.isEmpty()) {
                    continue;
                }
                String topic = message.get()[0];
                JsonNode body = json(message.get()[1]);
                String node = topic.substring("stat.".length(), topic.indexOf(':'));
                assertThat(body.path("node").asText()).isEqualTo(node);
                assertReadableByCircusTop(topic, body);
                if (topic.startsWith("stat." + node + ":sleeper")) {
                    heard.add(node);
                }
            }
            assertThat(heard).as("nodes heard within 3 s").containsExactlyInAnyOrderElementsOf(NAMES);
        }
    }

    @Test
    void theEventsSocketRelaysTheSpawnOfAnIncrWithItsNode() {
        StreamRelay relay = ManagedObjects.find(APP, StreamRelay.class);
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket sub = subscriber(context, relay.pubsubEndpoint(), "watcher.");
            // A subscription counts from its handshake on: a harmless 'updated' event proves it is in place.
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
                api.post("/api/command", "{\"command\": \"set\", \"properties\": {\"name\": \"sleeper\", \"options\":"
                        + " {\"graceful_timeout\": 30}}, \"nodes\": [\"relay-1\"]}");
                return receive(sub, 300).isPresent();
            });
            assertThat(api.post("/api/watchers/sleeper/incr?node=relay-1").status()).isEqualTo(200);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> receive(sub, 100)
                    .filter(m -> m[0].equals("watcher.relay-1:sleeper.spawn"))
                    .map(m -> json(m[1]))
                    .filter(body -> body.path("node").asText().equals("relay-1") && body.path("process_pid").isInt())
                    .isPresent());
        }
    }

    @Test
    void apiStatsTotalsAreTheSumOfTheNodesAndApiNodesShowsTheirLoad() {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/stats").json().path("nodes").size() == NAMES.size());
        JsonNode stats = api.get("/api/stats").json();
        double cpu = 0;
        double mem = 0;
        int processes = 0;
        for (String name : NAMES) {
            JsonNode node = stats.path("nodes").path(name);
            assertThat(node.path("watchers").path("sleeper").path("processes").asInt()).isPositive();
            cpu += node.path("cpu").asDouble();
            mem += node.path("mem").asDouble();
            processes += node.path("processes").asInt();
        }
        JsonNode totals = stats.path("totals");
        assertThat(totals.path("cpu").asDouble()).isCloseTo(cpu, within(1e-9));
        assertThat(totals.path("mem").asDouble()).isCloseTo(mem, within(1e-9));
        assertThat(totals.path("processes").asInt()).isEqualTo(processes);
        assertThat(stats.path("watchers").path("sleeper").path("processes").asInt()).isEqualTo(processes);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            double live = api.get("/api/stats").json().path("nodes").path("relay-0").path("mem").asDouble(-1);
            JsonNode shown = NodeLifecycleIT.find(api.get("/api/nodes").json(), "relay-0").path("load");
            return shown.path("mem").asDouble() == live && shown.path("cpu").isNumber();
        });
    }

    @Test
    void apiEventsStreamsTheSpawnOfAnIncr() throws Exception {
        streamsTheSpawnOfAnIncrOnRelay2("node=relay-2&watcher=sleeper");
    }

    @Test
    void apiEventsTakesAQualifiedWatcherName() throws Exception {
        streamsTheSpawnOfAnIncrOnRelay2("watcher=relay-2:sleeper");
        Http.Response conflict = api.get("/api/events?node=relay-1&watcher=relay-2:sleeper");
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(conflict.json().path("message").asText()).contains("names node relay-2").contains("relay-1");
    }

    /**
     * Reads the stream until a spawn of relay-2:sleeper, sending 'incr' once a second until one comes: the
     * reader's subscription has no visible moment of its own (the readers gauge also counts readers of
     * earlier tests that have not been noticed gone yet).
     */
    private void streamsTheSpawnOfAnIncrOnRelay2(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + "/api/events?" + query)).GET().build();
        CompletableFuture<JsonNode> spawn = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApplyAsync(events -> {
                    assertThat(events.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
                    try (Stream<String> lines = events.body()) {
                        return lines.filter(line -> line.startsWith("data:"))
                                .map(line -> json(line.substring("data:".length()).strip()))
                                .filter(event -> event.path("event").asText().equals("spawn"))
                                .findFirst().orElseThrow();
                    }
                });
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(api.post("/api/watchers/sleeper/incr?node=relay-2").status()).isEqualTo(200);
            return spawn.isDone();
        });
        JsonNode event = spawn.get();
        assertThat(event.path("node").asText()).isEqualTo("relay-2");
        assertThat(event.path("watcher").asText()).isEqualTo("sleeper");
        assertThat(event.path("body").path("process_pid").isInt()).isTrue();
        assertThat(ManagerApps.admin(APP).get("/metrics").json().path("gauges").path("circusmeta.events.readers")
                .path("value").asInt()).isPositive();
    }

    /** circus-top splits a topic on every dot and draws 2 or 3 parts; its painter needs these keys (README §6.1). */
    private static void assertReadableByCircusTop(String topic, JsonNode body) {
        String[] parts = topic.split("\\.");
        assertThat(parts).as(topic).hasSizeBetween(2, 3);
        assertThat(parts[1]).as(topic).doesNotEndWith(":sockets");
        List<String> keys = parts.length == 3 ? List.of("cpu", "mem", "age", "pid", "name") : List.of("cpu", "mem", "age");
        keys.forEach(key -> assertThat(body.has(key)).as(topic + " has " + key).isTrue());
        if (parts.length == 3) {
            assertThat(parts[2]).as(topic).containsOnlyDigits();
        }
    }

    private static ZMQ.Socket subscriber(ZContext context, String endpoint, String prefix) {
        ZMQ.Socket sub = context.createSocket(SocketType.SUB);
        sub.setLinger(0);
        // JeroMQ now and then never starts the handshake of a connection it opens (jeromq PR 1022): give up
        // on such a connection after 200 ms, not 30 s, and connect again.
        sub.setHandshakeIvl(200);
        sub.setReconnectIVL(50);
        sub.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
        sub.connect(endpoint);
        return sub;
    }

    private static Optional<String[]> receive(ZMQ.Socket sub, int timeoutMs) {
        sub.setReceiveTimeOut(timeoutMs);
        byte[] topic = sub.recv();
        if (topic == null) {
            return Optional.empty();
        }
        byte[] body = sub.hasReceiveMore() ? sub.recv() : new byte[0];
        return Optional.of(new String[] {new String(topic, StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8)});
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
