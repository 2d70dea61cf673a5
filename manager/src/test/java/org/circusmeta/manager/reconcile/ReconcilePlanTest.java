package org.circusmeta.manager.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.reconcile.ClusterWatcherRecordTest.copies;
import static org.circusmeta.manager.reconcile.ClusterWatcherRecordTest.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord.Copy;
import org.circusmeta.manager.watchers.Instances;
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
        return plan(registered, Set.of(), running, gone, missing, rebalance);
    }

    private ReconcilePlan plan(Set<String> registered, Set<String> cordoned, Map<String, Set<String>> running,
            Map<String, Instant> gone, Map<String, Instant> missing, boolean rebalance) {
        return ReconcilePlan.of(new ReconcilePlan.Picture(records, registered, cordoned, running,
                node -> Optional.ofNullable(gone.get(node)), missing, NOW, RESCHEDULE, GRACE, rebalance));
    }

    private static ReconcilePlan.ForRecord of(ReconcilePlan plan, String key) {
        return plan.records().stream().filter(r -> r.stored().record().key().equals(key)).findFirst().orElseThrow();
    }

    /** A copy placed just now, so that the grace since it was placed has not passed. */
    private static ClusterWatcherRecord placedNow(String name, String node) {
        return new ClusterWatcherRecord(ClusterWatcherRecordTest.definition(name), Instances.ONE, Optional.empty(), false,
                List.of(new Copy(node, NOW, "mgr", "why")), List.of(), List.of(), false);
    }

    @Test
    void movesOffANodeGoneLongerThanRescheduleAfterOnly() {
        put(record("web", "n1"));
        put(record("api", "n2"));
        put(record("db", "n3"));
        ReconcilePlan plan = plan(Set.of("n3"), Map.of("n3", Set.of("db")),
                Map.of("n1", NOW.minusSeconds(30), "n2", NOW.minusSeconds(29)), Map.of(), false);
        assertThat(of(plan, "web").moves()).containsOnlyKeys("n1");
        assertThat(of(plan, "api").moves()).isEmpty();
        assertThat(of(plan, "api").fill()).isZero();
        assertThat(of(plan, "db").reschedules()).isFalse();
        assertThat(of(plan, "db").restores()).isEmpty();
        ReconcilePlan now = plan(Set.of("n3"), Map.of(), Map.of("n1", NOW, "n2", NOW), Map.of(), true);
        assertThat(of(now, "web").moves()).containsOnlyKeys("n1");
        assertThat(of(now, "api").moves()).containsOnlyKeys("n2");
    }

    @Test
    void neverTrimsACopyOnACordonedNodeWhileItsReplacementStarts() {
        put(copies("draining", Instances.ONE, "n1", "n2"));
        put(copies("over", Instances.ONE, "n1", "n2", "n3"));
        ReconcilePlan plan = plan(Set.of("n1", "n2", "n3"), Set.of("n1"), Map.of(), Map.of(), Map.of(), false);
        assertThat(of(plan, "draining").trim()).isZero();
        assertThat(of(plan, "draining").kept()).containsExactly("n1");
        assertThat(of(plan, "over").trim()).as("a surplus beyond the cordoned copy").isEqualTo(1);
    }

    @Test
    void keepsTheCountOfCopies() {
        put(copies("short", Instances.of(3), "n1"));
        put(copies("lost", Instances.of(3), "n1", "n2", "n3"));
        put(copies("surplus", Instances.of(2), "n1", "n2", "n3"));
        put(copies("lostsurplus", Instances.of(2), "n1", "n2", "n9"));
        ReconcilePlan plan = plan(Set.of("n1", "n2", "n3"), Map.of(), Map.of("n3", NOW.minusSeconds(60), "n9",
                NOW.minusSeconds(60)), Map.of(), false);
        assertThat(of(plan, "short").fill()).isEqualTo(2);
        assertThat(of(plan, "lost").moves()).as("n3 is registered: no copy is lost").isEmpty();
        assertThat(of(plan, "surplus").trim()).isEqualTo(1);
        assertThat(of(plan, "lostsurplus").moves()).isEmpty();
        assertThat(of(plan, "lostsurplus").drops()).as("a lost copy beyond the count is not replaced").containsOnlyKeys("n9");
        assertThat(of(plan, "lostsurplus").trim()).isZero();

        records.clear();
        put(copies("lost", Instances.of(3), "n1", "n2", "n3"));
        put(copies("over", Instances.of(2), "n1", "n2", "n3"));
        ReconcilePlan lost = plan(Set.of("n1", "n2"), Map.of(), Map.of("n3", NOW.minusSeconds(60)), Map.of(), false);
        assertThat(of(lost, "lost").moves()).containsOnlyKeys("n3");
        assertThat(of(lost, "lost").fill()).isZero();
        assertThat(of(lost, "over").moves()).isEmpty();
        assertThat(of(lost, "over").drops()).containsOnlyKeys("n3");
    }

    @Test
    void aWatcherOnEveryNodeDropsTheCopiesOfLostNodesAndNeverMovesThem() {
        put(copies("every", Instances.ALL, "n1", "n2"));
        ReconcilePlan plan = plan(Set.of("n1"), Map.of(), Map.of("n2", NOW.minusSeconds(60)), Map.of(), false);
        assertThat(of(plan, "every").everyNode()).isTrue();
        assertThat(of(plan, "every").moves()).isEmpty();
        assertThat(of(plan, "every").drops()).containsOnlyKeys("n2");
    }

    @Test
    void neverMovesAPinnedWatcherButAddsItAgainWhereItIsMissing() {
        put(new ClusterWatcherRecord(ClusterWatcherRecordTest.definition("pin"), Instances.ONE, Optional.empty(), true,
                List.of(ClusterWatcherRecordTest.copy("n1")), List.of(), List.of(), false));
        ReconcilePlan gone = plan(Set.of(), Map.of(), Map.of("n1", NOW.minusSeconds(600)), Map.of(), true);
        assertThat(of(gone, "pin").reschedules()).isFalse();
        ReconcilePlan back = plan(Set.of("n1"), Map.of("n1", Set.of()), Map.of(), Map.of(), false);
        assertThat(of(back, "pin").restores()).extracting(ReconcilePlan.Restore::node).containsExactly("n1");
    }

    @Test
    void removesStaleCopiesOnlyOnNodesItWasMovedOff() {
        put(record("web", "n3", "n1", "n2"));
        ReconcilePlan plan = plan(Set.of("n1", "n2", "n3", "n4"),
                Map.of("n1", Set.of("web"), "n2", Set.of(), "n3", Set.of("web"), "n4", Set.of("web")), Map.of(), Map.of(), false);
        ReconcilePlan.StaleCopies stale = of(plan, "web").stale();
        assertThat(stale.stale()).containsExactly("n1");
        assertThat(stale.clean()).containsExactly("n2");
        assertThat(of(plan, "web").reschedules()).isFalse();
        assertThat(of(plan, "web").restores()).isEmpty();
    }

    @Test
    void addsAgainACopyThatRunsNowhereAtOnceWhenPlacedLongAgoElseAfterTheGrace() {
        put(record("old", "n1"));
        put(placedNow("web", "n1"));
        Map<String, Set<String>> running = Map.of("n1", Set.of());
        ReconcilePlan first = plan(Set.of("n1"), running, Map.of(), Map.of(), false);
        assertThat(of(first, "old").restores()).hasSize(1);
        assertThat(of(first, "web").restores()).isEmpty();
        assertThat(first.missingSince()).containsEntry("web@n1", NOW);
        assertThat(of(plan(Set.of("n1"), running, Map.of(), Map.of("web@n1", NOW.minusSeconds(5)), false), "web").restores())
                .isEmpty();
        assertThat(of(plan(Set.of("n1"), running, Map.of(), Map.of("web@n1", NOW.minusSeconds(6)), false), "web").restores())
                .hasSize(1);
        assertThat(of(plan(Set.of("n1"), Map.of(), Map.of(), Map.of("web@n1", NOW.minusSeconds(60)), false), "old").restores())
                .as("a node that did not answer the survey decides nothing").isEmpty();
    }

    @Test
    void finishesARemovalAndDecidesNothingElseForIt() {
        put(copies("bye", Instances.of(3), "n1").markedRemoving());
        ReconcilePlan.ForRecord bye = of(plan(Set.of("n1"), Map.of("n1", Set.of()), Map.of(), Map.of(), false), "bye");
        assertThat(bye.finishRemoval()).isTrue();
        assertThat(bye.fill()).isZero();
        assertThat(bye.restores()).isEmpty();
    }
}
