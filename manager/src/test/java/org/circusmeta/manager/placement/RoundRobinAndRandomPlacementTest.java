package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.circusmeta.manager.placement.Nodes.inState;
import static org.circusmeta.manager.placement.Nodes.node;
import static org.circusmeta.manager.placement.Nodes.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeState;
import org.junit.jupiter.api.Test;

class RoundRobinAndRandomPlacementTest {
    private final List<Candidate> nodes = List.of(node("c", 1, 500, 90, 90, 9), node("a"),
            inState("b", NodeState.UNREACHABLE), node("d"));

    @Test
    void roundRobinTakesTheNextFittingNodeByNameWhateverTheLoad() {
        Placement placement = new RoundRobinPlacement();
        assertThat(placement.place(spec("w"), new PlacementView(nodes, Optional.empty(), 0)).node()).isEqualTo("a");
        assertThat(placement.place(spec("w"), new PlacementView(nodes, Optional.of("a"), 0)).node()).isEqualTo("c");
        assertThat(placement.place(spec("w"), new PlacementView(nodes, Optional.of("c"), 0)).node()).isEqualTo("d");
        assertThat(placement.place(spec("w"), new PlacementView(nodes, Optional.of("d"), 0)).node()).isEqualTo("a");
        assertThat(placement.place(spec("w"), new PlacementView(nodes, Optional.of("gone"), 0)).node()).isEqualTo("a");
    }

    @Test
    void randomIsSeededAndOnlyAmongFittingNodes() {
        assertThat(draws(42)).isEqualTo(draws(42)).doesNotContain("b").contains("a", "c", "d");
        assertThatThrownBy(() -> new RandomPlacement().place(spec("w"),
                PlacementView.of(List.of(inState("b", NodeState.DETACHED))))).hasMessageContaining("b: detached");
    }

    private List<String> draws(long seed) {
        Placer placer = new Placer(new RandomPlacement(), () -> nodes, Duration.ofSeconds(1), seed);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            chosen.add(placer.place(spec("w" + i)).node());
        }
        return chosen;
    }
}
