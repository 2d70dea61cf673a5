package org.circusmeta.manager.resources;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.StatsView;
import org.circusmeta.api.WatcherView;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.aggregation.Figures;
import org.circusmeta.manager.core.AddResult;
import org.circusmeta.manager.core.Operation;
import org.circusmeta.manager.core.WatcherListing;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.watchers.WatcherStatus;
import org.circusmeta.registration.record.NodeRecord;

/** What the manager knows, as the API's representations show it. Stateless. */
public final class Views {
    private Views() {}

    /** A node: its record's fields (null for an invalid node), then state, load and times. */
    public static NodeView node(NodeSummary node) {
        Optional<NodeRecord> record = node.record();
        NodeLoad load = node.load();
        return new NodeView(node.name(), node.state().wireName(), node.eligible(), node.reason().orElse(null),
                record.map(NodeRecord::endpoint).orElse(null),
                record.flatMap(NodeRecord::pubsubEndpoint).orElse(null),
                record.flatMap(NodeRecord::statsEndpoint).orElse(null),
                record.map(NodeRecord::host).orElse(null),
                new TreeMap<>(record.map(NodeRecord::labels).orElse(Map.of())),
                record.map(NodeRecord::capacity).orElse(null),
                record.map(NodeRecord::kind).orElse(null),
                record.map(NodeRecord::version).orElse(null),
                record.map(NodeRecord::registeredAt).orElse(null),
                new NodeView.Load(count(load.watchers()), count(load.processes()), load.cpu(), load.mem()),
                node.lastSeen().orElse(null), node.unreachableSince().orElse(null), null);
    }

    static OperationView operation(Operation.Snapshot snapshot) {
        return new OperationView(snapshot.id(), snapshot.kind(), snapshot.about(), snapshot.state().wireName(),
                snapshot.startedAt(), snapshot.endedAt().orElse(null),
                snapshot.steps().stream().map(s -> step(snapshot.subject(), s)).toList(), snapshot.message().orElse(null));
    }

    static OperationView.Step step(Operation.Subject subject, Operation.Step step) {
        return new OperationView.Step(subject == Operation.Subject.NODE ? step.subject() : null,
                subject == Operation.Subject.WATCHER ? step.subject() : null, step.result(), step.reason().orElse(null),
                step.at());
    }

    static List<NodeView.NodeWatcher> watchers(List<WatcherStatus> watchers) {
        return watchers.stream().map(w -> new NodeView.NodeWatcher(w.name(), w.status(), count(w.numprocesses()))).toList();
    }

    static WatcherView watcher(WatcherListing listing) {
        SortedMap<String, WatcherView.OnNode> nodes = new TreeMap<>();
        listing.nodes().forEach((node, w) -> nodes.put(node, new WatcherView.OnNode(w.status(), count(w.numprocesses()))));
        if (listing.recorded().isEmpty()) {
            return new WatcherView(listing.name(), nodes, listing.cluster());
        }
        WatcherListing.Recorded r = listing.recorded().get();
        return new WatcherView(listing.name(), nodes, listing.cluster(), r.instances().toJson(), r.spread().orElse(null),
                r.pinned(), r.copies().stream().map(c -> new WatcherView.Copy(c.node(), c.status())).toList(),
                r.failures().isEmpty() ? null : r.failures().stream()
                        .map(f -> new WatcherView.Failure(f.node(), f.at(), f.reason())).toList(),
                r.retryAt().orElse(null), r.removing() ? "removal: its record is marked removing; the leader removes it from"
                        + " its nodes and deletes the record once they and ZooKeeper answer" : null);
    }

    static List<AddedWatcher.Copy> copies(List<AddResult.PlacedCopy> placed) {
        return placed.stream().map(c -> new AddedWatcher.Copy(c.node(), c.reason())).toList();
    }

    static StatsView stats(ClusterStats stats) {
        SortedMap<String, StatsView.NodeStats> nodes = new TreeMap<>();
        stats.nodes().forEach((name, node) -> nodes.put(name, new StatsView.NodeStats(node.total().cpu(), node.total().mem(),
                node.total().processes(), node.sampledAt(), figures(node.watchers()))));
        return new StatsView(nodes, figures(stats.watchers()), figures(stats.total()));
    }

    private static SortedMap<String, StatsView.Figures> figures(Map<String, Figures> byName) {
        SortedMap<String, StatsView.Figures> all = new TreeMap<>();
        byName.forEach((name, f) -> all.put(name, figures(f)));
        return all;
    }

    private static StatsView.Figures figures(Figures f) {
        return new StatsView.Figures(f.cpu(), f.mem(), f.processes());
    }

    /** A count the manager does not know yet (-1) is null. */
    private static Integer count(int value) {
        return value < 0 ? null : value;
    }
}
