package org.circusmeta.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.circusmeta.node.Replay.Expected;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every recorded exchange of circusd 0.19.0 replayed in order against a node configured like the
 * recording's daemon (its circus.ini on free ports), each reply and the events after it compared with
 * the recording (see {@link Replay}). The sessions follow the recorder's: queries, lifecycle, errors,
 * arbiter and malformed on one daemon; control-extra on a fresh one.
 *
 * <p>Where the node differs from circusd on purpose, the recording is adjusted here, and only here:
 * <ol>
 *   <li><b>No circusd-stats watcher.</b> The recorded daemon ran with {@code statsd = true}, which makes
 *       circusd run a {@code circusd-stats} watcher; the node publishes the stats stream itself and
 *       shows no such watcher. It is taken out of {@code list}, {@code status}, {@code stats},
 *       {@code numwatchers} and the events.
 *   <li><b>Operations queued, not refused.</b> circusd refuses a change while another runs
 *       ({@code arbiter is already running watcher_stop command}); the node runs it after. So the
 *       recorded conflict's {@code start} succeeds, its stop events come after the {@code stop} itself,
 *       and the following {@code start waiting} finds the watcher already active.
 *   <li><b>Deaths noticed at once.</b> circusd replaces a killed process at its next
 *       {@code check_delay} tick; the node replaces it as soon as it exits. After {@code kill worker
 *       waiting} the replacements' spawns come at once, and the next restart stops them.
 *   <li><b>Hooks not run.</b> Hooks are Python callables: no {@code hook_success}/{@code hook_failure}.
 *   <li><b>The arbiter restart keeps its sockets bound</b> (so a port 0 keeps its port): subscribers
 *       see the start events that the recorder missed while circusd re-bound its PUB socket.
 *   <li><b>Malformed input answered.</b> A request without {@code command} gets an error reply where
 *       circusd stalled, and the request after it is answered.
 * </ol>
 */
class ConformanceIT {

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void repliesAndEventsMatchTheRecordedDaemonSession() {
        List<String> failures = new ArrayList<>();
        try (TestNode node = TestNode.start(TestNode.recordedIni()); Replay replay = new Replay(node, adjustments())) {
            replay.waitUntilSettled();
            for (String file : List.of("control-queries.json", "control-lifecycle.json", "errors.json",
                    "control-arbiter.json", "malformed.json")) {
                failures.addAll(replay.run(file));
            }
            assertThat(node.node.terminated()).succeedsWithin(java.time.Duration.ofSeconds(15));
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void repliesAndEventsMatchTheFreshDaemonSession() {
        List<String> failures = new ArrayList<>();
        try (TestNode node = TestNode.start(TestNode.recordedIni()); Replay replay = new Replay(node, adjustments())) {
            replay.waitUntilSettled();
            failures.addAll(replay.run("control-extra.json"));
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    static Map<String, UnaryOperator<Expected>> adjustments() {
        List<String> conflictEvents = topicsOf("errors.json", "start sleeper while stop still running -> conflict");
        return Map.of(
                "stop sleeper (no wait)", e -> e.withTopics(conflictEvents),
                "start sleeper while stop still running -> conflict", e -> e.withReply(plainOk(e))
                        .withTopics(List.of("watcher.sleeper.spawn", "watcher.sleeper.spawn", "watcher.sleeper.start")),
                "start sleeper waiting", e -> e.reply().orElseThrow().path("id").asText().startsWith("fe97")
                        ? e.withTopics(List.of()) : e,
                "kill worker waiting", e -> e.withTopics(plus(e.topics(), "watcher.worker.spawn", "watcher.worker.spawn")),
                "restart regex (two matches) waiting", e -> e.withTopics(plus(List.of("watcher.worker.kill",
                        "watcher.worker.kill"), e.topics().toArray(String[]::new))),
                "restart (no name) = restart the whole arbiter", e -> e.withTopics(plus(e.topics(),
                        "watcher.sleeper.spawn", "watcher.sleeper.spawn", "watcher.sleeper.start",
                        "watcher.worker.spawn", "watcher.worker.start")),
                "JSON without command key", e -> e.withReply(TestNode.json("{\"status\": \"error\", \"reason\": "
                        + "\"message invalid 'command' is missing\", \"tb\": null, \"time\": 0.0, \"errno\": 3, "
                        + "\"id\": \"no-command\"}")),
                "valid list right after (same DEALER)", e -> e.withReply(TestNode.json("{\"status\": \"ok\", \"time\": 0.0, "
                        + "\"watchers\": [\"sleeper\", \"worker\"], \"id\": \"f8c7a8f688b742da975cec98b7b510af\"}")));
    }

    private static JsonNode plainOk(Expected e) {
        return TestNode.json("{\"status\": \"ok\", \"time\": 0.0, \"id\": \"" + e.reply().orElseThrow().path("id").asText()
                + "\"}");
    }

    private static List<String> topicsOf(String file, String label) {
        List<String> topics = new ArrayList<>();
        Vectors.exchanges(file).stream().filter(x -> x.label().equals(label)).findFirst().orElseThrow()
                .events().forEach(ev -> topics.add(ev.path("topic").asText()));
        return topics;
    }

    private static List<String> plus(List<String> topics, String... more) {
        List<String> out = new ArrayList<>(topics);
        Collections.addAll(out, more);
        return out;
    }
}
