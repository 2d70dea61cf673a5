package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.circusmeta.manager.placement.Nodes.inState;
import static org.circusmeta.manager.placement.Nodes.labelled;
import static org.circusmeta.manager.placement.Nodes.node;
import static org.circusmeta.manager.placement.Nodes.running;
import static org.circusmeta.manager.placement.Nodes.spec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.circusmeta.manager.nodes.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeastLoadedPlacementTest {
    private final Placement placement = new LeastLoadedPlacement(Weights.DEFAULTS);

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("all idle: by name", List.of(node("b"), node("a"), node("c")), "a"),
                Arguments.of("fewer processes", List.of(node("a", 1, 0, 0, 3, 1), node("b", 1, 0, 0, 2, 1)), "b"),
                Arguments.of("a busy core outweighs 9 idle processes",
                        List.of(node("a", 1, 100, 0, 1, 1), node("b", 1, 0, 0, 9, 9)), "b"),
                Arguments.of("a busy core weighs less than 11 idle processes",
                        List.of(node("a", 1, 100, 0, 1, 1), node("b", 1, 0, 0, 11, 11)), "a"),
                Arguments.of("memory counts", List.of(node("a", 1, 0, 30, 1, 1), node("b", 1, 0, 5, 1, 1)), "b"),
                Arguments.of("capacity divides the load",
                        List.of(node("a", 1, 0, 0, 3, 3), node("b", 2, 0, 0, 5, 5)), "b"),
                Arguments.of("equal load: fewer watchers", List.of(node("a", 1, 0, 0, 4, 3), node("b", 1, 0, 0, 4, 1)), "b"),
                Arguments.of("unattached nodes never", List.of(inState("a", NodeState.UNREACHABLE), node("b", 1, 300, 50, 40, 9)),
                        "b"),
                Arguments.of("not where it already runs", List.of(running("a", "web"), node("b", 1, 0, 0, 5, 5)), "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void choosesTheLowestLoadPerCapacity(String why, List<Candidate> nodes, String expected) {
        assertThat(placement.place(spec("web"), PlacementView.of(nodes)).node()).isEqualTo(expected);
    }

    @Test
    void spreadsABurstOverEqualNodesAndByCapacity() {
        assertThat(burst(List.of(node("a"), node("b"), node("c")), 12)).isEqualTo(Map.of("a", 4, "b", 4, "c", 4));
        assertThat(burst(List.of(Candidate.idle("a", 1), Candidate.idle("b", 1), Candidate.idle("c", 2)), 12))
                .isEqualTo(Map.of("a", 3, "b", 3, "c", 6));
    }

    @Test
    void honoursLabelConstraintsAndSaysWhyEachNodeWasRejected() {
        List<Candidate> nodes = List.of(labelled("a", Map.of("zone", "us")), labelled("b", Map.of("zone", "eu")),
                inState("c", NodeState.DETACHED), labelled("d", Map.of()));
        assertThat(placement.place(new WatcherSpec("web", Map.of("zone", "eu"), 1), PlacementView.of(nodes)).node())
                .isEqualTo("b");
        assertThatThrownBy(() -> placement.place(new WatcherSpec("web", Map.of("zone", "ap"), 1), PlacementView.of(nodes)))
                .isInstanceOf(NoNodeFitsException.class)
                .hasMessageContaining("a: label zone is 'us', not 'ap'")
                .hasMessageContaining("b: label zone is 'eu', not 'ap'")
                .hasMessageContaining("c: detached")
                .hasMessageContaining("d: has no label 'zone'");
        assertThatThrownBy(() -> placement.place(spec("web"), PlacementView.of(List.of())))
                .hasMessageContaining("no node is registered");
    }

    @Test
    void theReasonNamesTheFigure() {
        PlacementDecision decision = placement.place(spec("web"), PlacementView.of(List.of(node("a", 1, 0, 0, 2, 2))));
        assertThat(decision.reason()).isEqualTo("lowest load per capacity 0.200 (2 watchers) of the 1 fitting node");
    }

    /** Places n watchers one after the other, each reservation counted, as {@link Placer} does. */
    private Map<String, Integer> burst(List<Candidate> nodes, int n) {
        Placer placer = new Placer(placement, () -> nodes, java.time.Duration.ofMinutes(1), 1);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(placer.place(spec("w" + i)).node(), 1, Integer::sum);
        }
        return counts;
    }
}
