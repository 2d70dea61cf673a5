package org.circusmeta.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.circusmeta.manager.placement.Nodes.labelled;
import static org.circusmeta.manager.placement.Nodes.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.circusmeta.manager.nodes.NodeState;
import org.junit.jupiter.api.Test;

/** The copies of one watcher: distinct nodes, spread over a label's values, all or nothing. */
class CopyPlacementTest {
    private static final List<Candidate> ZONES = List.of(zoned("a1", "a"), zoned("a2", "a"), zoned("b1", "b"), zoned("b2", "b"),
            zoned("c1", "c"), zoned("c2", "c"));

    private static Candidate zoned(String name, String zone) {
        return labelled(name, Map.of("zone", zone, "tier", name.endsWith("1") ? "web" : "db"));
    }

    private static Placer placer(List<Candidate> nodes) {
        return new Placer(new LeastLoadedPlacement(Weights.DEFAULTS), () -> nodes, Duration.ofMinutes(1), 1);
    }

    private static List<String> nodes(List<PlacementDecision> decisions) {
        return decisions.stream().map(PlacementDecision::node).toList();
    }

    @Test
    void spreadsCopiesOverEveryValueBeforeAnyGetsASecond() {
        WatcherSpec web = spec("web").spreadOver(Optional.of("zone"));
        List<PlacementDecision> three = placer(ZONES).placeCopies(web, 3, Set.of());
        assertThat(nodes(three)).containsExactly("a1", "b1", "c1");
        assertThat(three.get(1).reason()).contains("spread by zone: 0 copies on zone=b");

        Map<String, Integer> perZone = new TreeMap<>();
        for (PlacementDecision d : placer(ZONES).placeCopies(spec("w").spreadOver(Optional.of("zone")), 5, Set.of())) {
            perZone.merge(d.node().substring(0, 1), 1, Integer::sum);
        }
        assertThat(perZone).isEqualTo(Map.of("a", 2, "b", 2, "c", 1));
    }

    @Test
    void countsTheCopiesAlreadyHeldAndNeverPlacesTwoOnANode() {
        List<PlacementDecision> more = placer(ZONES).placeCopies(spec("web").spreadOver(Optional.of("zone")), 2,
                Set.of("a1", "b2"));
        assertThat(nodes(more)).hasSize(2).doesNotContain("a1", "b2").anyMatch(n -> n.startsWith("c"));
        assertThat(nodes(placer(ZONES).placeCopies(spec("web"), 6, Set.of()))).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void refusesWhenFewerNodesFitThanCopiesNamingEachReasonAndReservesNothing() {
        Placer placer = placer(ZONES);
        WatcherSpec web = new WatcherSpec("web", Map.of("tier", "web"), 1);
        assertThatThrownBy(() -> placer.placeCopies(web, 4, Set.of()))
                .isInstanceOf(NoNodeFitsException.class)
                .hasMessageContaining("only 3 nodes can take a copy of watcher 'web', and 4 are needed")
                .hasMessageContaining("a2: label tier is 'db', not 'web'");
        assertThat(placer.reservationCount()).isZero();
        assertThatThrownBy(() -> placer.placeCopies(web, 3, Set.of("a1")))
                .hasMessageContaining("a1: holds a copy of it already");
    }

    @Test
    void placesOneOnEveryFittingNodeWithoutOne() {
        List<Candidate> nodes = List.of(zoned("a1", "a"), zoned("a2", "a"), zoned("b1", "b"),
                Nodes.inState("x1", NodeState.UNREACHABLE));
        WatcherSpec web = new WatcherSpec("web", Map.of("tier", "web"), 1);
        assertThat(nodes(placer(nodes).placeOnEvery(web, Set.of()))).containsExactly("a1", "b1");
        assertThat(nodes(placer(nodes).placeOnEvery(web, Set.of("a1")))).containsExactly("b1");
        assertThat(placer(nodes).placeOnEvery(web, Set.of("a1", "b1"))).isEmpty();
        assertThatThrownBy(() -> placer(nodes).placeOnEvery(new WatcherSpec("gpu", Map.of("tier", "gpu"), 1), Set.of()))
                .isInstanceOf(NoNodeFitsException.class);
    }

    @Test
    void placesOnANodeNamedOnlyWhenItFits() {
        Placer placer = placer(ZONES);
        assertThat(placer.placeOn(spec("web"), "b2", Set.of()).node()).isEqualTo("b2");
        assertThatThrownBy(() -> placer.placeOn(spec("web2"), "b2", Set.of("b2"))).hasMessageContaining("holds a copy");
        assertThatThrownBy(() -> placer.placeOn(spec("web3"), "zz", Set.of())).hasMessageContaining("not registered");
    }
}
