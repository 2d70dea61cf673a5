package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.circusmeta.manager.nodes.NodeState;

/**
 * Which movable watchers to move so that load per capacity evens out (the {@code rebalance} task):
 * greedily, from the most loaded node first, a watcher moves to the node least-loaded placement would
 * choose among the others, but only when that node, with the watcher, stays below what the source
 * carried before; so every move lowers the peak and the moves end. A pure function of its input.
 *
 * <p>Immutable and thread-safe.
 */
public final class Rebalancing {
    /** A watcher that may move, its node, and its live figures there (or its processes alone, before stats). */
    public record Movable(WatcherSpec spec, String node, double cpu, double mem, int processes) {}

    public record Move(String watcher, String from, String to, String reason) {}

    private final Weights weights;
    private final Placement leastLoaded;

    public Rebalancing(Weights weights) {
        this.weights = weights;
        this.leastLoaded = new LeastLoadedPlacement(weights);
    }

    public List<Move> plan(List<Candidate> nodes, List<Movable> movable) {
        Map<String, Candidate> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        List<Movable> left = new ArrayList<>(movable);
        left.sort(Comparator.comparing(m -> m.spec().name()));
        List<Move> moves = new ArrayList<>();
        for (int round = 0; round < movable.size(); round++) {
            Optional<Move> next = nextMove(byName, left);
            if (next.isEmpty()) {
                break;
            }
            moves.add(next.get());
        }
        return moves;
    }

    private Optional<Move> nextMove(Map<String, Candidate> byName, List<Movable> left) {
        List<Candidate> sources = byName.values().stream().filter(n -> n.state() == NodeState.ATTACHED)
                .sorted(Comparator.comparingDouble((Candidate n) -> n.loadPerCapacity(weights)).reversed()
                        .thenComparing(Candidate::name))
                .toList();
        for (Candidate source : sources) {
            for (Movable m : left) {
                if (!m.node().equals(source.name())) {
                    continue;
                }
                Optional<Move> move = tryMove(byName, source, m);
                if (move.isPresent()) {
                    left.remove(m);
                    return move;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Move> tryMove(Map<String, Candidate> byName, Candidate source, Movable m) {
        List<Candidate> others = byName.values().stream().filter(n -> !n.name().equals(source.name())).toList();
        PlacementDecision decision;
        try {
            decision = leastLoaded.place(m.spec(), PlacementView.of(others));
        } catch (NoNodeFitsException e) {
            return Optional.empty();
        }
        Candidate target = with(byName.get(decision.node()), m, 1);
        double before = source.loadPerCapacity(weights);
        if (target.loadPerCapacity(weights) >= before - 1e-9) {
            return Optional.empty();
        }
        byName.put(source.name(), with(source, m, -1));
        byName.put(target.name(), target);
        return Optional.of(new Move(m.spec().name(), source.name(), target.name(), String.format(Locale.ROOT,
                "load per capacity %.3f on %s, %.3f on %s with it", before, source.name(), target.loadPerCapacity(weights),
                target.name())));
    }

    private static Candidate with(Candidate node, Movable m, int sign) {
        String key = m.spec().name().toLowerCase(Locale.ROOT);
        Set<String> reserved = new HashSet<>(node.reserved());
        Set<String> running = new HashSet<>(node.running());
        if (sign > 0) {
            reserved.add(key);
        } else {
            reserved.remove(key);
            running.remove(key);
        }
        return new Candidate(node.name(), node.state(), node.eligible(), node.labels(), node.capacity(),
                node.cpu() + sign * m.cpu(), node.mem() + sign * m.mem(), node.processes() + sign * m.processes(),
                node.watchers() + sign, running, reserved);
    }
}
