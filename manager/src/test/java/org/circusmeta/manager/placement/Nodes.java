package org.circusmeta.manager.placement;

import java.util.Map;
import java.util.Set;
import org.circusmeta.manager.nodes.NodeState;

/** Candidates written shortly in tables: {@code node("a").cpu(50).processes(3)}. */
final class Nodes {
    private Nodes() {}

    static Candidate node(String name) {
        return Candidate.idle(name, 1.0);
    }

    static Candidate node(String name, double capacity, double cpu, double mem, int processes, int watchers) {
        return new Candidate(name, NodeState.ATTACHED, true, Map.of(), capacity, cpu, mem, processes, watchers, Set.of(),
                Set.of());
    }

    static Candidate labelled(String name, Map<String, String> labels) {
        return new Candidate(name, NodeState.ATTACHED, true, labels, 1.0, 0, 0, 0, 0, Set.of(), Set.of());
    }

    static Candidate inState(String name, NodeState state) {
        return new Candidate(name, state, true, Map.of(), 1.0, 0, 0, 0, 0, Set.of(), Set.of());
    }

    static Candidate cordoned(String name) {
        return new Candidate(name, NodeState.ATTACHED, false, Map.of(), 1.0, 0, 0, 0, 0, Set.of(), Set.of());
    }

    static Candidate running(String name, String... watchers) {
        return new Candidate(name, NodeState.ATTACHED, true, Map.of(), 1.0, 0, 0, watchers.length, watchers.length,
                Set.of(watchers), Set.of());
    }

    static WatcherSpec spec(String name) {
        return new WatcherSpec(name, Map.of(), 1);
    }
}
