package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.placement.Nodes.node;
import static org.circusmeta.manager.placement.Nodes.running;

import java.util.List;
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
    void aNewReservationOfTheSameWatcherReplacesTheOldOne() {
        reservations.reserve("web", "a", 2, 1_000);
        reservations.reserve("web", "b", 2, 1_000);
        List<Candidate> nodes = reservations.applyTo(List.of(node("a"), node("b")), 0);
        assertThat(nodes.get(0).processes()).isZero();
        assertThat(nodes.get(1).processes()).isEqualTo(2);
        reservations.release("web");
        assertThat(reservations.applyTo(List.of(node("b")), 0).get(0).processes()).isZero();
    }
}
