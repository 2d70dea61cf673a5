package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.registration.record.NodeRecord;
import org.junit.jupiter.api.Test;

class FewestWatchersPlacementTest {
    private final Placement placement = new FewestWatchersPlacement();

    @Test
    void picksTheAttachedNodeWithTheFewestWatchersThenByName() {
        List<NodeSummary> nodes = List.of(node("b", NodeState.ATTACHED, 1, "eu"), node("a", NodeState.ATTACHED, 1, "eu"),
                node("c", NodeState.ATTACHED, 3, "eu"), node("d", NodeState.UNREACHABLE, 0, "eu"));
        PlacementDecision decision = placement.place(new WatcherSpec("web", Map.of(), 1), nodes);
        assertThat(decision.node()).isEqualTo("a");
        assertThat(decision.reason()).contains("fewest watchers (1)").contains("3 attached nodes");
    }

    @Test
    void honoursLabelConstraints() {
        List<NodeSummary> nodes = List.of(node("a", NodeState.ATTACHED, 0, "us"), node("b", NodeState.ATTACHED, 5, "eu"));
        assertThat(placement.place(new WatcherSpec("web", Map.of("zone", "eu"), 1), nodes).node()).isEqualTo("b");
    }

    @Test
    void saysWhyEachNodeWasRejected() {
        List<NodeSummary> nodes = List.of(node("a", NodeState.ATTACHED, 0, "us"), node("b", NodeState.DETACHED, 0, "eu"));
        assertThatThrownBy(() -> placement.place(new WatcherSpec("web", Map.of("zone", "eu"), 1), nodes))
                .isInstanceOf(NoNodeFitsException.class)
                .hasMessageContaining("a: label zone is 'us', not 'eu'")
                .hasMessageContaining("b: detached");
        assertThatThrownBy(() -> placement.place(new WatcherSpec("web", Map.of(), 1), List.of()))
                .hasMessageContaining("no node is registered");
    }

    private static NodeSummary node(String name, NodeState state, int watchers, String zone) {
        NodeRecord record = NodeRecord.of(name, "tcp://127.0.0.1:5555", Optional.empty(), Optional.empty(), "h",
                Map.of("zone", zone), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0");
        return new NodeSummary(name, state, Optional.of(record), Optional.empty(), new NodeLoad(watchers, 0, 0, 0),
                Optional.empty(), Optional.empty());
    }
}
