package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ManagerExtension.refusal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling restarts with real circusmeta-nodes and real processes: one node at a time (sampled every
 * 100 ms, never two down), new pids everywhere, each node healthy for {@code healthy_for} before the
 * next; a watcher whose new processes die at once stops the roll at its first node; the three ways the
 * API answers (wait, stream, at once).
 */
@Timeout(180)
class RollingRestartIT {
    private static final List<String> ROLL = List.of("roll-1", "roll-2", "roll-3", "roll-4");
    private static final List<String> FRAGILE = List.of("frag-1", "frag-2", "frag-3");
    private static final Duration HEALTHY_FOR = Duration.ofMillis(700);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    @TempDir
    static Path dir;

    private static ManagerClient api;

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("roll-nodes");
        String roller = "[watcher:roller]\ncmd = sleep 4311\nnumprocesses = 2\ngraceful_timeout = 1\n";
        ROLL.forEach(n -> nodes.start(n, roller));
        // Starts once, then dies at once on every start after the marker exists.
        String fragile = "[watcher:fragile]\ncmd = sh -c 'if [ -e " + marker() + " ]; then exit 1; fi; exec sleep 4312'\n"
                + "numprocesses = 1\ngraceful_timeout = 1\n";
        FRAGILE.forEach(n -> nodes.start(n, fragile));
        MANAGER.awaitAttached(List.of(ROLL, FRAGILE).stream().flatMap(List::stream).toList(), Duration.ofSeconds(30));
        api = MANAGER.api();
        await().atMost(Duration.ofSeconds(20)).until(() -> pids("roller", ROLL).values().stream().allMatch(p -> p.size() == 2)
                && pids("fragile", FRAGILE).values().stream().allMatch(p -> p.size() == 1));
    }

    @Test
    void restartsOneNodeAtATimeNeverTwoDownWithNewPidsEverywhere() {
        Map<String, Set<Long>> before = pids("roller", ROLL);
        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        OperationView done;
        try (Sampler sampler = new Sampler("roller", ROLL, 2)) {
            done = api.follow(ApiCall.restart("roller", RestartRequest.rolling(1, HEALTHY_FOR.toMillis() + "ms", "30s", null)),
                    line -> events.add(line.value()));
            assertThat(sampler.worst()).as("the most nodes down at once, in %d samples", sampler.samples())
                    .isLessThanOrEqualTo(1);
            assertThat(sampler.samples()).isGreaterThan(10);
            assertThat(sampler.errors()).isEmpty();
        }

        assertThat(done.state()).as(done.toString()).isEqualTo("done");
        assertThat(done.steps()).extracting(OperationView.Step::node).containsExactlyElementsOf(ROLL);
        assertThat(done.steps()).extracting(OperationView.Step::result).containsOnly("restarted");
        Map<String, Set<Long>> after = pids("roller", ROLL);
        for (String node : ROLL) {
            assertThat(after.get(node)).as(node + "'s new pids").hasSize(2).doesNotContainAnyElementsOf(before.get(node));
        }
        assertOneAfterAnotherEachHealthyFor(events);
    }

    @Test
    void stopsTheRollAtTheFirstNodeWhoseNewProcessesDie() throws IOException {
        Map<String, Set<Long>> before = pids("fragile", FRAGILE);
        Files.createFile(marker());

        Answer<OperationView> answer = api.answer(ApiCall.restart("fragile", RestartRequest.rolling(null, "500ms", "3s", null)));

        assertThat(answer.status()).isEqualTo(200);
        OperationView failed = answer.value();
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.steps()).extracting(OperationView.Step::node).containsExactlyElementsOf(FRAGILE);
        assertThat(failed.steps()).extracting(OperationView.Step::result).containsExactly("failed", "not-started", "not-started");
        assertThat(failed.steps().get(0).reason()).contains("was not healthy within 3000 ms");
        assertThat(failed.steps().get(1).reason()).contains("the roll stopped at the batch of frag-1");
        assertThat(failed.message()).contains("failed on frag-1").contains("not started on frag-2, frag-3");
        Map<String, Set<Long>> after = pids("fragile", FRAGILE);
        assertThat(after.get("frag-2")).as("not restarted").isEqualTo(before.get("frag-2"));
        assertThat(after.get("frag-3")).as("not restarted").isEqualTo(before.get("frag-3"));
    }

    @Test
    void restartsTwoNodesAtATimeWithBatchTwo() {
        try (Sampler sampler = new Sampler("roller", ROLL, 2)) {
            OperationView done = api.restartRolling("roller", RestartRequest.rolling(2, "300ms", "30s", null));
            assertThat(done.state()).isEqualTo("done");
            assertThat(sampler.worst()).isLessThanOrEqualTo(2);
            assertThat(sampler.errors()).isEmpty();
        }
    }

    @Test
    void answersAtOnceWhenAskedAndShowsTheOperationUntilItEnds() {
        OperationView started = api.startDetached(ApiCall.restart("roller",
                RestartRequest.rolling(1, "200ms", "30s", "roll-2")));

        assertThat(started.state()).isEqualTo("running");
        assertThat(started.steps()).extracting(OperationView.Step::node).containsExactly("roll-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> !api.operation(started.id()).isRunning());
        assertThat(api.operation(started.id()).state()).isEqualTo("done");
        assertThat(api.operations()).extracting(OperationView::id).contains(started.id());
        assertThat(refusal(() -> api.operation("op-nothing")).status()).isEqualTo(404);
    }

    @Test
    void refusesWhatCannotRollClearly() {
        assertThat(refusal(() -> api.restartRolling("nothing-here", RestartRequest.rolling(1, "1s", "5s", null))).status())
                .isEqualTo(404);
        assertThat(refusal(() -> api.restartRolling("roller", RestartRequest.rolling(1, "5s", "2s", null))).reason())
                .contains("timeout: must be longer than healthyFor");
        assertThat(refusal(() -> api.restartRolling("roller", RestartRequest.rolling(1, "soon", null, null))).reason())
                .contains("healthy_for: 'soon' is not a duration");
        assertThat(refusal(() -> api.restartRolling("roller", RestartRequest.rolling(0, null, null, null))).status())
                .isEqualTo(422);
        assertThat(refusal(() -> api.restartRolling("roller", RestartRequest.rolling(1, null, null, "nowhere"))).status())
                .isEqualTo(404);
    }

    /**
     * With batch 1: each node restarting only after the one before it restarted, and restarted at least
     * healthyFor after it began (by the manager's clock). The first line's snapshot may already show the
     * first node restarting.
     */
    private static void assertOneAfterAnotherEachHealthyFor(List<OperationEvent> events) {
        List<String> order = new ArrayList<>();
        Map<String, Instant> restarting = new TreeMap<>();
        events.get(0).operation().steps().stream().filter(s -> s.result().equals("restarting")).forEach(s -> {
            order.add(s.node() + ":restarting");
            restarting.put(s.node(), s.at());
        });
        events.stream().skip(1).map(OperationEvent::step).filter(Objects::nonNull).forEach(step -> {
            order.add(step.node() + ":" + step.result());
            if (step.result().equals("restarting")) {
                restarting.put(step.node(), step.at());
            } else {
                assertThat(Duration.between(restarting.get(step.node()), step.at()))
                        .as(step.node() + " restarting to restarted").isGreaterThanOrEqualTo(HEALTHY_FOR);
            }
        });
        assertThat(order).containsExactly("roll-1:restarting", "roll-1:restarted", "roll-2:restarting", "roll-2:restarted",
                "roll-3:restarting", "roll-3:restarted", "roll-4:restarting", "roll-4:restarted");
        assertThat(events.get(events.size() - 1).operation().state()).isEqualTo("done");
    }

    /** Each node's pids of the watcher, from circus's {@code list name=W}. */
    private static Map<String, Set<Long>> pids(String watcher, List<String> nodes) {
        ObjectNode name = CircusJson.object().put("name", watcher);
        Map<String, ObjectNode> results = api.command(new CommandRequest("list", name, nodes)).results();
        Map<String, Set<Long>> pids = new TreeMap<>();
        results.forEach((node, reply) -> {
            Set<Long> set = new TreeSet<>();
            reply.path("pids").forEach(p -> set.add(p.asLong()));
            pids.put(node, set);
        });
        return pids;
    }

    private static Path marker() {
        return dir.resolve("fragile.marker");
    }

    /**
     * Every 100 ms, how many of the nodes do not run the watcher {@code active} with all its processes:
     * the worst count seen.
     */
    private static final class Sampler implements AutoCloseable {
        private final AtomicInteger worst = new AtomicInteger();
        private final Sampling sampling;

        Sampler(String watcher, List<String> nodes, int processes) {
            ObjectNode name = CircusJson.object().put("name", watcher);
            sampling = new Sampling(() -> {
                Map<String, ObjectNode> status = api.command(new CommandRequest("status", name, nodes)).results();
                Map<String, Set<Long>> running = pids(watcher, nodes);
                int down = 0;
                for (String node : nodes) {
                    boolean up = "active".equals(status.get(node).path("status").asText())
                            && running.get(node).size() == processes;
                    down += up ? 0 : 1;
                }
                worst.accumulateAndGet(down, Math::max);
            });
        }

        int worst() {
            return worst.get();
        }

        int samples() {
            return sampling.samples();
        }

        List<String> errors() {
            return sampling.errors();
        }

        @Override
        public void close() {
            sampling.close();
        }
    }
}
