package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.placement.Nodes.node;
import static org.circusmeta.manager.placement.Nodes.running;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.circusmeta.manager.nodes.NodeState;
import org.junit.jupiter.api.Test;

class ReservationsTest {
    private final Reservations reservations = new Reservations();

    @Test
    void countsAReservationUntilTheStatsShowIt() {
        reservations.reserve("web", "a", 3, 1_000);
        Candidate before = reservations.applyTo(List.of(node("a")), 0).get(0);
        assertThat(before.processes()).isEqualTo(3);
        assertThat(before.watchers()).isEqualTo(1);
        assertThat(before.has("web")).isTrue();

        Candidate shown = reservations.applyTo(List.of(running("a", "web")), 1).get(0);
        assertThat(shown.processes()).as("counted once, by the stats").isEqualTo(1);
        assertThat(reservations.size()).isZero();
    }

    @Test
    void endsAtItsDeadline() {
        reservations.reserve("web", "a", 2, 100);
        assertThat(reservations.applyTo(List.of(node("a")), 99).get(0).processes()).isEqualTo(2);
        assertThat(reservations.applyTo(List.of(node("a")), 100).get(0).processes()).isZero();
        assertThat(reservations.size()).isZero();
    }

    @Test
    void aWatcherHasOneReservationPerNodeOneForEachCopy() {
        reservations.reserve("web", "a", 2, 1_000);
        reservations.reserve("web", "b", 2, 1_000);
        reservations.reserve("web", "b", 3, 1_000);
        List<Candidate> nodes = reservations.applyTo(List.of(node("a"), node("b")), 0);
        assertThat(nodes.get(0).processes()).isEqualTo(2);
        assertThat(nodes.get(1).processes()).isEqualTo(3);
        reservations.release("web", "a");
        assertThat(reservations.applyTo(List.of(node("a")), 0).get(0).processes()).isZero();
        reservations.release("web");
        assertThat(reservations.size()).isZero();
    }

    /** A probe's count asked after the node answered the add holds its processes: counting them again would be twice. */
    @Test
    void onANodeCountedByItsProbeStopsCountingTheProcessesOnceAProbeAskedAfterTheAdd() {
        reservations.reserve("web", "a", 2, 10_000);
        Candidate asked = probed("a", 3, 100);
        assertThat(reservations.applyTo(List.of(asked), 0).get(0).processes()).as("not answered yet").isEqualTo(5);
        reservations.landed("web", "a", 200);
        assertThat(reservations.applyTo(List.of(asked), 300).get(0).processes()).as("asked before it landed")
                .isEqualTo(5);
        Candidate later = probed("a", 5, 250);
        Candidate counted = reservations.applyTo(List.of(later), 300).get(0);
        assertThat(counted.processes()).as("the probe's count has them").isEqualTo(5);
        assertThat(counted.has("web")).as("still not placed there twice").isTrue();
        assertThat(counted.watchers()).isEqualTo(1);
    }

    private static Candidate probed(String name, int processes, long askedAt) {
        return new Candidate(name, NodeState.ATTACHED, true, Map.of(), 1.0, 0, 0, processes, 0, Set.of(), Set.of(), askedAt);
    }
}
