package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.placement.Nodes.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalancingTest {
    private final Rebalancing rebalancing = new Rebalancing(Weights.DEFAULTS);

    @Test
    void movesFromTheMostLoadedUntilNoMoveLowersThePeak() {
        List<Rebalancing.Movable> movable = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            movable.add(new Rebalancing.Movable(new WatcherSpec("w" + i, Map.of(), 1), "a", 0, 0, 1));
        }
        List<Rebalancing.Move> moves = rebalancing.plan(List.of(node("a", 1, 0, 0, 6, 6), node("b"), node("c")), movable);
        assertThat(moves).hasSize(4);
        assertThat(moves).allSatisfy(m -> assertThat(m.from()).isEqualTo("a"));
        assertThat(moves.stream().filter(m -> m.to().equals("b"))).hasSize(2);
    }

    @Test
    void leavesABalancedClusterAlone() {
        List<Rebalancing.Movable> movable = List.of(new Rebalancing.Movable(new WatcherSpec("w", Map.of(), 1), "a", 0, 0, 1));
        assertThat(rebalancing.plan(List.of(node("a", 1, 0, 0, 1, 1), node("b")), movable)).isEmpty();
        assertThat(rebalancing.plan(List.of(node("a", 1, 0, 0, 2, 2), node("b", 1, 0, 0, 1, 1)), movable)).isEmpty();
    }
}
