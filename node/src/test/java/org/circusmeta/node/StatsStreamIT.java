package org.circusmeta.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.stream.CircusSubscriber;
import org.circusmeta.testsupport.JsonShape;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stats stream has the recorded topics and bodies (stats-stream.json), about once a second. The
 * node publishes no {@code stat.sockets…}: nothing reads from its sockets, so circusd-stats' readable
 * count would say nothing. Its own process is {@code stat.circus.<pid>}, named {@code circusd}. A watcher
 * without processes gets no message, as circusd-stats stops its collector when the last pid goes.
 */
class StatsStreamIT {
    private record Sample(long at, String topic, JsonNode body) {}

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void topicsAndBodiesHaveTheRecordedShapes() {
        String withIdle = TestNode.recordedIni() + "\n[watcher:idle]\ncmd = sleep 4220\nautostart = false\n";
        try (TestNode t = TestNode.start(withIdle)) {
            List<Long> sleepers = t.pids("sleeper");
            long worker = t.pids("worker").get(0);
            long self = ProcessHandle.current().pid();
            List<Sample> samples = collect(t, Duration.ofMillis(3_300));

            Map<String, JsonNode> recorded = recordedByKind();
            for (String topic : List.of("stat.sleeper." + sleepers.get(0), "stat.sleeper." + sleepers.get(1),
                    "stat.worker." + worker, "stat.circus." + self)) {
                List<Sample> of = of(samples, topic);
                assertThat(of).as(topic).hasSizeBetween(2, 4);
                of.forEach(s -> JsonShape.assertSameShape(recorded.get(topic.startsWith("stat.circus") ? "circus-process"
                        : "process"), s.body()));
            }
            for (String topic : List.of("stat.sleeper", "stat.worker", "stat.circus")) {
                List<Sample> of = of(samples, topic);
                assertThat(of).as(topic).hasSizeBetween(2, 4);
                of.forEach(s -> JsonShape.assertSameShape(recorded.get(topic.equals("stat.circus") ? "circus" : "watcher"),
                        s.body()));
            }
            assertThat(of(samples, "stat.circus." + self).get(0).body().get("name").asText()).isEqualTo("circusd");
            assertThat(of(samples, "stat.sleeper." + sleepers.get(0)).get(0).body().get("name").isNull()).isTrue();
            assertThat(of(samples, "stat.sleeper").get(0).body().get("pid")).hasSize(2);
            assertThat(samples).noneMatch(s -> s.topic().startsWith("stat.sockets"));
            assertThat(samples).as("circusd-stats publishes nothing for a watcher without processes")
                    .noneMatch(s -> s.topic().startsWith("stat.idle"));
            List<Integer> aggregates = new ArrayList<>();
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i).topic().equals("stat.sleeper")) {
                    aggregates.add(i);
                }
            }
            aggregates.stream().skip(1).forEach(i -> assertThat(samples.get(i - 1).topic()).as("before the aggregate")
                    .startsWith("stat.sleeper."));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cpuIsMeasuredBetweenSamples() {
        String ini = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
                + "stats_endpoint = tcp://127.0.0.1:0\n[watcher:busy]\ncmd = sh -c \"while :; do :; done\"\n";
        try (TestNode t = TestNode.start(ini)) {
            long pid = t.pids("busy").get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<Sample> samples = collect(t, Duration.ofMillis(1_200));
                return of(samples, "stat.busy." + pid).stream().anyMatch(s -> s.body().get("cpu").asDouble() > 20);
            });
            JsonNode info = t.call("stats", Map.of("name", "busy")).get("info").get(String.valueOf(pid));
            assertThat(info.get("cpu").asDouble()).isGreaterThan(20);
            assertThat(info.get("cmdline").asText()).isEqualTo("sh");
            assertThat(info.get("wid").asInt()).isEqualTo(1);
        }
    }

    private static List<Sample> collect(TestNode t, Duration during) {
        List<Sample> samples = new CopyOnWriteArrayList<>();
        SocketLoop loop = new SocketLoop("stats-test");
        loop.start();
        try (CircusSubscriber sub = new CircusSubscriber(loop, t.node.statsEndpoint().orElseThrow(), List.of("stat."),
                (topic, body) -> samples.add(new Sample(System.nanoTime(), topic, CircusJson.read(body))))) {
            sub.start();
            long end = System.nanoTime() + during.toNanos();
            await().atMost(during.plusSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> System.nanoTime() >= end);
        } finally {
            loop.close();
        }
        return new ArrayList<>(samples);
    }

    private static Map<String, JsonNode> recordedByKind() {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        for (JsonNode s : Vectors.statsSamples()) {
            String topic = s.get("topic").asText();
            String kind = topic.equals("stat.circus") ? "circus" : topic.startsWith("stat.circus.") ? "circus-process"
                    : topic.startsWith("stat.sockets") ? "sockets" : topic.chars().filter(c -> c == '.').count() == 2
                    ? "process" : "watcher";
            out.putIfAbsent(kind, s.get("body"));
        }
        return out;
    }

    private static List<Sample> of(List<Sample> samples, String topic) {
        return samples.stream().filter(s -> s.topic().equals(topic)).toList();
    }
}
