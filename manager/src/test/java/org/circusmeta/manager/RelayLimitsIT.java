package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.client.AdminClient;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.circusmeta.registration.record.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What the relay drops and what that costs: a subscriber that never reads is a bounded cost, and bad
 * messages are dropped and counted. The node is a plain JeroMQ publisher registered as a node; it
 * waits for the relay rather than dropping (XPUB with no-drop), so that every message of the flood
 * reaches the relay.
 */
@Timeout(90)
class RelayLimitsIT {
    private static final int HIGH_WATER_MARK = 100;
    private static final int MESSAGES = 150_000;
    private static final int BODY_BYTES = 2_000;
    private static final long HEAP_BOUND = 48L << 20;

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("circus.relay.highWaterMark", String.valueOf(HIGH_WATER_MARK)),
            ConfigOverride.config("circus.relay.nodeHighWaterMark", "1000"));

    private static ZContext context;
    private static ZMQ.Socket node;
    private static FakeNode control;
    private final AdminClient admin = MANAGER.admin();

    @BeforeAll
    static void startNode() {
        context = new ZContext(1);
        node = context.createSocket(SocketType.XPUB);
        node.setLinger(0);
        node.setSndHWM(1_000);
        node.setXpubNoDrop(true);
        node.bind("tcp://127.0.0.1:0");
        control = MANAGER.fakeNode("flood", new FakeCircusd().with("web", 1));
        control.write(record(node.getLastEndpoint()).toBytes());
    }

    @AfterAll
    static void stopNode() {
        context.close();
    }

    @Test
    void aSubscriberThatNeverReadsCostsABoundedAmountOfHeapAndSlowsNothing() {
        StreamRelay relay = MANAGER.find(StreamRelay.class);
        ZMQ.Socket slow = context.createSocket(SocketType.SUB);
        slow.setLinger(0);
        // A connection whose handshake JeroMQ never starts (jeromq PR 1022) is dropped after 200 ms and made again.
        slow.setHandshakeIvl(200);
        slow.setReconnectIVL(50);
        slow.setRcvHWM(HIGH_WATER_MARK);
        slow.subscribe("stat.".getBytes(StandardCharsets.UTF_8));
        slow.connect(relay.statsEndpoint());
        slow.setReceiveTimeOut(50);
        // Both hops are live once the slow subscriber has read one message; from then on it reads nothing.
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            publish("stat.web", "{\"pid\": [], \"cpu\": 0.0, \"mem\": 0.0, \"age\": 0.0}".getBytes(StandardCharsets.UTF_8));
            return slow.recv() != null;
        });
        long heapBefore = usedHeapAfterGc();
        long relayedBefore = relayed();

        byte[] body = body();
        for (int i = 0; i < MESSAGES; i++) {
            publish("stat.web." + (i % 1000 + 1), body);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> relayed() - relayedBefore >= MESSAGES);
        long grown = usedHeapAfterGc() - heapBefore;

        assertThat(grown).as("heap grown while %,d MB went to a subscriber that never reads", (long) MESSAGES * BODY_BYTES >> 20)
                .isLessThan(HEAP_BOUND);
    }

    @Test
    void dropsAndCountsBodiesThatAreNotObjectsSocketStatsAndBadFrames() {
        long malformed = counter("circusmeta.relay.malformed");
        long sockets = counter("circusmeta.relay.socket-stats-dropped");
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            publish("stat.sockets", "{\"addresses\": [\"127.0.0.1:80\"], \"reads\": 1}".getBytes(StandardCharsets.UTF_8));
            return counter("circusmeta.relay.socket-stats-dropped") > sockets;
        });
        long socketsAfter = counter("circusmeta.relay.socket-stats-dropped");
        publish("stat.sockets.7", "{\"fd\": 7, \"reads\": 1, \"address\": \"127.0.0.1:80\"}".getBytes(StandardCharsets.UTF_8));
        publish("stat.web", "not json".getBytes(StandardCharsets.UTF_8));
        publish("stat.web.12", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        send(() -> node.send("stat.lonely", ZMQ.DONTWAIT));
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("circusmeta.relay.malformed") - malformed == 3
                && counter("circusmeta.relay.socket-stats-dropped") - socketsAfter == 1);
    }

    @Test
    void followsANodeWhoseStatsEndpointMovesAndLetsGoOfADetachedNode() {
        ZMQ.Socket moved = context.createSocket(SocketType.XPUB);
        moved.setLinger(0);
        moved.bind("tcp://127.0.0.1:0");
        try {
            control.write(record(moved.getLastEndpoint()).toBytes());
            moved.setReceiveTimeOut(10_000);
            assertThat(moved.recv()).as("the relay's subscription at the new endpoint").isNotNull();

            assertThat(admin.task("detach", Map.of("node", "flood")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("circusmeta.relay.nodes") == 0);
            assertThat(moved.recv()).as("the relay's unsubscription when it lets go").isNotNull();
            assertThat(admin.task("attach", Map.of("node", "flood")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("circusmeta.relay.nodes") == 1);
        } finally {
            control.write(record(node.getLastEndpoint()).toBytes());
            moved.close();
        }
    }

    @Test
    void subscribesToANodeWhoseStatsEndpointCouldNotBeOpenedOnceItsRecordIsFixed() {
        ZMQ.Socket fixed = context.createSocket(SocketType.XPUB);
        fixed.setLinger(0);
        fixed.bind("tcp://127.0.0.1:0");
        try (FakeNode typo = FakeNode.start(MANAGER.zookeeper(), "typo", new FakeCircusd())) {
            typo.write(record(typo, "tcp://no-such-host.invalid:5657").toBytes());
            MANAGER.awaitAttached(List.of("typo"), Duration.ofSeconds(10));

            typo.write(record(typo, fixed.getLastEndpoint()).toBytes());
            fixed.setReceiveTimeOut(10_000);
            assertThat(fixed.recv()).as("the relay's subscription once the record names a stats endpoint that resolves")
                    .isNotNull();
        } finally {
            fixed.close();
        }
    }

    private static NodeRecord record(FakeNode fake, String statsEndpoint) {
        return NodeRecord.of(fake.name(), fake.peer().endpoint(), Optional.empty(), Optional.of(statsEndpoint), "localhost",
                Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0");
    }

    private static NodeRecord record(String statsEndpoint) {
        return NodeRecord.of("flood", control.peer().endpoint(), Optional.empty(), Optional.of(statsEndpoint), "localhost",
                Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0");
    }

    private long gauge(String name) {
        return admin.metrics().path("gauges").path(name).path("value").asLong(-1);
    }

    private long relayed() {
        return admin.metrics().path("meters").path("circusmeta.relay.stats-relayed").path("count").asLong();
    }

    private long counter(String name) {
        JsonNode metrics = admin.metrics();
        return metrics.path("counters").path(name).path("count").asLong();
    }

    private static void publish(String topic, byte[] body) {
        send(() -> node.sendMore(topic));
        // Only a message's first frame can be refused.
        node.send(body, 0);
    }

    /** With no-drop, a full queue refuses the message: offer it again until the relay has room. */
    private static synchronized void send(java.util.function.BooleanSupplier attempt) {
        while (!attempt.getAsBoolean()) {
            Thread.onSpinWait();
        }
    }

    private static byte[] body() {
        byte[] padding = new byte[BODY_BYTES - 60];
        Arrays.fill(padding, (byte) 'x');
        return ("{\"cpu\": 1.0, \"mem\": 0.1, \"pid\": 1, \"age\": 1.0, \"pad\": \"" + new String(padding, StandardCharsets.US_ASCII)
                + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
