package org.circusmeta.manager.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.reconcile.ClusterWatcherRecordTest.record;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReconcilePlanTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration RESCHEDULE = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(6);

    private final TreeMap<String, ClusterRecords.Stored> records = new TreeMap<>();

    private void put(ClusterWatcherRecord r) {
        records.put(r.key(), new ClusterRecords.Stored(r, 3));
    }

    private ReconcilePlan plan(Set<String> registered, Map<String, Set<String>> running, Map<String, Instant> gone,
            Map<String, Instant> missing, boolean rebalance) {
        return ReconcilePlan.of(new ReconcilePlan.Picture(records, registered, running,
                node -> Optional.ofNullable(gone.get(node)), missing, NOW, RESCHEDULE, GRACE, rebalance));
    }

    @Test
    void movesOffANodeGoneLongerThanRescheduleAfterOnly() {
        put(record("web", "n1"));
        put(record("api", "n2"));
        put(record("db", "n3"));
        ReconcilePlan plan = plan(Set.of("n3"), Map.of("n3", Set.of("db")),
                Map.of("n1", NOW.minusSeconds(30), "n2", NOW.minusSeconds(29)), Map.of(), false);
        assertThat(plan.moves()).extracting(m -> m.stored().record().name()).containsExactly("web");
        assertThat(plan.restores()).isEmpty();
        assertThat(plan(Set.of("n3"), Map.of(), Map.of("n1", NOW, "n2", NOW), Map.of(), true).moves()).hasSize(2);
    }

    @Test
    void removesStaleCopiesOnlyOnNodesItWasMovedOff() {
        put(record("web", "n3", "n1", "n2"));
        ReconcilePlan plan = plan(Set.of("n1", "n2", "n3", "n4"),
                Map.of("n1", Set.of("web"), "n2", Set.of(), "n3", Set.of("web"), "n4", Set.of("web")), Map.of(), Map.of(), false);
        assertThat(plan.staleCopies()).singleElement().satisfies(c -> {
            assertThat(c.stale()).containsExactly("n1");
            assertThat(c.clean()).containsExactly("n2");
        });
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.restores()).isEmpty();
    }

    @Test
    void addsAgainARecordThatRunsNowhereOnlyAfterTheGrace() {
        put(record("web", "n1"));
        Map<String, Set<String>> running = Map.of("n1", Set.of());
        ReconcilePlan first = plan(Set.of("n1"), running, Map.of(), Map.of(), false);
        assertThat(first.restores()).isEmpty();
        assertThat(first.missingSince()).containsEntry("web", NOW);
        assertThat(plan(Set.of("n1"), running, Map.of(), Map.of("web", NOW.minusSeconds(5)), false).restores()).isEmpty();
        assertThat(plan(Set.of("n1"), running, Map.of(), Map.of("web", NOW.minusSeconds(6)), false).restores()).hasSize(1);
        assertThat(plan(Set.of("n1"), Map.of(), Map.of(), Map.of("web", NOW.minusSeconds(60)), false).restores())
                .as("a node that did not answer the survey decides nothing").isEmpty();
    }
}
