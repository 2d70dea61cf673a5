package org.circusmeta.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The typed subscribers against a PUB peer written here with plain JeroMQ (its socket is used on the
 * test thread only), publishing the recorded topics and bodies.
 */
@Timeout(30)
class SubscriberIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private SocketLoop loop;
    private ZContext context;
    private ZMQ.Socket pub;
    private String endpoint;
    private CircusSubscriber subscriber;

    @BeforeEach
    void setUp() {
        loop = new SocketLoop("subscriber-test-loop");
        loop.start();
        context = new ZContext(1);
        pub = context.createSocket(SocketType.PUB);
        pub.setLinger(0);
        pub.setSndHWM(100_000);
        endpoint = "tcp://127.0.0.1:" + pub.bindToRandomPort("tcp://127.0.0.1");
    }

    @AfterEach
    void tearDown() {
        if (subscriber != null) {
            subscriber.close();
        }
        loop.close();
        context.close();
    }

    private void publish(String topic, String body) {
        pub.sendMore(topic);
        pub.send(body);
    }

    /** PUB drops what it publishes before the subscription arrives: probe until one gets through. */
    private void awaitSubscribed(String probeTopic, Queue<?> received) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            publish(probeTopic, "{\"time\": 0.0}");
            return !received.isEmpty();
        });
    }

    /**
     * Subscribes, publishes the recorded messages after a probe got through (and after {@code noise},
     * which the subscriber must not deliver), and returns what it delivered but the probes.
     */
    private <T> List<T> replay(List<JsonNode> recorded, Function<Consumer<T>, CircusSubscriber> subscribe,
            String probeTopic, Predicate<T> isProbe, String... noise) {
        Queue<T> received = new ConcurrentLinkedQueue<>();
        subscriber = subscribe.apply(received::add);
        subscriber.start();
        awaitSubscribed(probeTopic, received);
        for (String topic : noise) {
            publish(topic, "{\"process_pid\": 1, \"time\": 1.0}");
        }
        for (JsonNode m : recorded) {
            publish(m.get("topic").asText(), CircusJson.writeString(m.get("body")));
        }
        await().atMost(WAIT).until(() -> received.stream().filter(isProbe.negate()).count() == recorded.size());
        return received.stream().filter(isProbe.negate()).toList();
    }

    @Test
    void deliversEveryRecordedEventTyped() {
        List<JsonNode> recorded = WatcherEventTest.recordedEvents();
        List<WatcherEvent> events = replay(recorded, l -> CircusSubscriber.events(loop, endpoint, l),
                "watcher.probe.ping", e -> e.watcher().equals("probe"));
        for (int i = 0; i < recorded.size(); i++) {
            String topic = recorded.get(i).get("topic").asText();
            assertThat(events.get(i).topic()).isEqualTo(topic);
            assertThat(events.get(i).watcher()).isEqualTo(topic.split("\\.")[1]);
            assertThat(events.get(i).event()).isEqualTo(topic.split("\\.")[2]);
            assertThat(events.get(i).body()).isEqualTo(recorded.get(i).get("body"));
        }
        assertThat(subscriber.counters().malformed()).isZero();
    }

    @Test
    void deliversEveryRecordedStatsSampleTyped() {
        List<JsonNode> recorded = Vectors.statsSamples();
        // events on the same socket are not for a stats subscriber
        List<StatsSample> samples = replay(recorded, l -> CircusSubscriber.stats(loop, endpoint, l), "stat.probe",
                s -> s.watcher().equals("probe"), "watcher.sleeper.spawn");
        for (int i = 0; i < recorded.size(); i++) {
            String topic = recorded.get(i).get("topic").asText();
            String[] parts = topic.split("\\.");
            assertThat(samples.get(i).topic()).isEqualTo(topic);
            assertThat(samples.get(i).watcher()).isEqualTo(parts[1]);
            assertThat(samples.get(i).subtopic()).isEqualTo(parts.length == 3 ? java.util.Optional.of(parts[2]) : java.util.Optional.empty());
            assertThat(samples.get(i).body()).isEqualTo(recorded.get(i).get("body"));
        }
        assertThat(subscriber.counters().malformed()).isZero();
    }

    @Test
    void dropsAndCountsMalformedMessagesAndGoesOn() {
        Queue<WatcherEvent> received = new ConcurrentLinkedQueue<>();
        subscriber = CircusSubscriber.events(loop, endpoint, received::add);
        subscriber.start();
        awaitSubscribed("watcher.probe.ping", received);
        long probes = subscriber.counters().received();
        pub.send("watcher.sleeper.spawn");
        pub.sendMore("watcher.sleeper.spawn");
        pub.sendMore("{\"time\": 1.0}");
        pub.send("extra");
        publish("watcher.sleeper.spawn", "not json");
        publish("watcher.nodot", "{\"time\": 1.0}");
        publish("watcher.sleeper.spawn", "[1, 2]");
        publish("watcher.sleeper.spawn", "{\"process_pid\": 42, \"time\": 1.0}");
        await().atMost(WAIT).until(() -> received.stream().anyMatch(e -> e.pid().orElse(0) == 42));
        // the probes still in flight may arrive after the mark; the five bad messages are all dropped
        assertThat(subscriber.counters().malformed()).isEqualTo(5);
        assertThat(subscriber.counters().received()).isGreaterThan(probes);
        assertThat(received).noneMatch(e -> e.watcher().equals("nodot") || e.pid().orElse(0) != 42 && !e.watcher().equals("probe"));
    }

    @Test
    void goesOnWhenTheListenerThrows() {
        Queue<WatcherEvent> received = new ConcurrentLinkedQueue<>();
        AtomicBoolean thrown = new AtomicBoolean();
        subscriber = CircusSubscriber.events(loop, endpoint, e -> {
            if (e.watcher().equals("bad") && thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("listener failure on purpose");
            }
            received.add(e);
        });
        subscriber.start();
        awaitSubscribed("watcher.probe.ping", received);
        publish("watcher.bad.spawn", "{\"time\": 1.0}");
        publish("watcher.good.spawn", "{\"time\": 2.0}");
        await().atMost(WAIT).until(() -> received.stream().anyMatch(e -> e.watcher().equals("good")));
        assertThat(thrown).isTrue();
        assertThat(subscriber.counters().listenerFailures()).isEqualTo(1);
        assertThat(subscriber.counters().malformed()).isZero();
    }

    @Test
    void relaysRawBytesOfTheSubscribedPrefixesOnly() {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        subscriber = new CircusSubscriber(loop, endpoint, List.of("stat.web", "watcher.web."),
                (topic, body) -> received.add(topic + " " + new String(body, StandardCharsets.UTF_8)));
        subscriber.start();
        awaitSubscribed("stat.web.probe", received);
        received.clear();
        String body = "{\"cpu\": 0.0, \"mem\": 0.006, \"name\": \"\\u00e9\"}";
        publish("stat.other", body);
        publish("watcher.webby.spawn", body);
        publish("stat.web", body);
        await().atMost(WAIT).until(() -> received.contains("stat.web " + body));
        assertThat(received).noneMatch(r -> r.startsWith("stat.other") || r.startsWith("watcher.webby"));
    }
}
