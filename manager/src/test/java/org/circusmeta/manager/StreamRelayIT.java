package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import static org.circusmeta.manager.ManagerExtension.refusal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.EventView;
import org.circusmeta.api.StatsView;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.EventStream;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.WatcherAction;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.BeforeAll;
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
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private final ManagerClient api = MANAGER.api();

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("relay-nodes");
        NAMES.forEach(name -> nodes.start(name, RealNodes.watcher("sleeper", "sleep 4311", 1)));
        MANAGER.awaitAttached(NAMES, Duration.ofSeconds(20));
    }

    @Test
    void aSubscriberOfTheStatsSocketHearsFromEveryNodeWithinThreeSeconds() {
        StreamRelay relay = MANAGER.find(StreamRelay.class);
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
        StreamRelay relay = MANAGER.find(StreamRelay.class);
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket sub = subscriber(context, relay.pubsubEndpoint(), "watcher.");
            // A subscription counts from its handshake on: a harmless 'updated' event proves it is in place.
            ObjectNode set = CircusJson.object().put("name", "sleeper");
            set.putObject("options").put("graceful_timeout", 30);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
                api.command(new CommandRequest("set", set, List.of("relay-1")));
                return receive(sub, 300).isPresent();
            });
            assertThat(incr("relay-1")).isEqualTo(200);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> receive(sub, 100)
                    .filter(m -> m[0].equals("watcher.relay-1:sleeper.spawn"))
                    .map(m -> json(m[1]))
                    .filter(body -> body.path("node").asText().equals("relay-1") && body.path("process_pid").isInt())
                    .isPresent());
        }
    }

    @Test
    void apiStatsTotalsAreTheSumOfTheNodesAndApiNodesShowsTheirLoad() {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.stats().nodes().size() == NAMES.size());
        StatsView stats = api.stats();
        double cpu = 0;
        double mem = 0;
        int processes = 0;
        for (String name : NAMES) {
            StatsView.NodeStats node = stats.nodes().get(name);
            assertThat(node.watchers().get("sleeper").processes()).isPositive();
            cpu += node.cpu();
            mem += node.mem();
            processes += node.processes();
        }
        StatsView.Figures totals = stats.totals();
        assertThat(totals.cpu()).isCloseTo(cpu, within(1e-9));
        assertThat(totals.mem()).isCloseTo(mem, within(1e-9));
        assertThat(totals.processes()).isEqualTo(processes);
        assertThat(stats.watchers().get("sleeper").processes()).isEqualTo(processes);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            StatsView.NodeStats live = api.stats().nodes().get("relay-0");
            JsonNode shown = ManagerExtension.nodeJson(api, "relay-0").path("load");
            return live != null && shown.path("mem").asDouble() == live.mem() && shown.path("cpu").isNumber();
        });
    }

    @Test
    void apiEventsStreamsTheSpawnOfAnIncr() throws Exception {
        streamsTheSpawnOfAnIncrOnRelay2(Optional.of("relay-2"), Optional.of("sleeper"));
    }

    @Test
    void apiEventsTakesAQualifiedWatcherName() throws Exception {
        streamsTheSpawnOfAnIncrOnRelay2(Optional.empty(), Optional.of("relay-2:sleeper"));
        ManagerRefused conflict = refusal(() -> api.events(Optional.of("relay-1"), Optional.of("relay-2:sleeper")).close());
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(conflict.reason()).contains("names node relay-2").contains("relay-1");
    }

    /**
     * Reads the stream until a spawn of relay-2:sleeper, sending 'incr' once a second until one comes: the
     * reader's subscription has no visible moment of its own (the readers gauge also counts readers of
     * earlier tests that have not been noticed gone yet).
     */
    private void streamsTheSpawnOfAnIncrOnRelay2(Optional<String> node, Optional<String> watcher) throws Exception {
        CompletableFuture<EventView> spawn = CompletableFuture.supplyAsync(() -> {
            try (EventStream events = api.events(node, watcher)) {
                assertThat(events.contentType()).startsWith("text/event-stream");
                return events.stream().filter(event -> event.event().equals("spawn")).findFirst().orElseThrow();
            }
        });
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(incr("relay-2")).isEqualTo(200);
            return spawn.isDone();
        });
        EventView event = spawn.get();
        assertThat(event.node()).isEqualTo("relay-2");
        assertThat(event.watcher()).isEqualTo("sleeper");
        assertThat(event.body().path("process_pid").isInt()).isTrue();
        assertThat(MANAGER.admin().metrics().path("gauges").path("circusmeta.events.readers").path("value").asInt())
                .isPositive();
    }

    private int incr(String node) {
        return api.answer(ApiCall.act("sleeper", WatcherAction.INCR, Optional.of(node), OptionalInt.empty())).status();
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
