package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.NodeWatchers;
import org.circusmeta.manager.watchers.WatcherStatus;
import org.circusmeta.manager.watchers.WatcherSurvey;

/**
 * The {@link Reads} of this manager: from the node connections, the registry and the nodes' own
 * answers.
 *
 * <p>Thread-safe. Returns at once; the futures complete on the socket loops.
 */
public final class ClusterReads implements Reads {
    private final Parts parts;
    private final WatcherSurvey survey;

    public ClusterReads(Parts parts) {
        this.parts = parts;
        this.survey = new WatcherSurvey(parts.connections());
    }

    @Override
    public List<NodeSummary> nodes() {
        return parts.connections().summaries();
    }

    @Override
    public boolean isRegistered(String node) {
        return parts.connections().isRegistered(node);
    }

    @Override
    public CompletableFuture<NodeResult> node(String name, Duration within) {
        Optional<NodeSummary> summary = parts.connections().summary(name);
        if (summary.isEmpty()) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(name));
        }
        if (summary.get().state() == NodeState.INVALID || summary.get().state() == NodeState.DETACHED) {
            return CompletableFuture.completedFuture(new NodeResult.Shown(summary.get(), Optional.empty()));
        }
        return survey.surveyOne(name, Deadline.in(within)).thenApply(watchers -> watchers.failure().<NodeResult>map(
                failure -> new Failure.Unanswered(name, "status", failure, within))
                .orElseGet(() -> new NodeResult.Shown(parts.connections().summary(name).orElse(summary.get()),
                        Optional.of(watchers.watchers()))));
    }

    @Override
    public CompletableFuture<List<WatcherListing>> watchers(Duration within) {
        return survey.survey(parts.connections().askable(), Deadline.in(within)).thenApply(all -> {
            SortedMap<String, ClusterRecords.Stored> records = parts.cluster().records().current();
            Set<String> cluster = new TreeSet<>(parts.registry().current().clusterWatchers());
            cluster.addAll(records.keySet());
            Map<String, SortedMap<String, WatcherStatus>> byName = new TreeMap<>();
            Map<String, NodeWatchers> byNode = new HashMap<>();
            for (NodeWatchers node : all) {
                byNode.put(node.node(), node);
                for (WatcherStatus w : node.watchers()) {
                    byName.computeIfAbsent(w.name(), n -> new TreeMap<>()).put(node.node(), w);
                }
            }
            for (String recorded : cluster) {
                if (byName.keySet().stream().noneMatch(recorded::equalsIgnoreCase)) {
                    String name = Optional.ofNullable(records.get(recorded)).map(s -> s.record().name()).orElse(recorded);
                    byName.put(name, new TreeMap<>());
                }
            }
            List<WatcherListing> listings = new ArrayList<>();
            byName.forEach((name, nodes) -> {
                String key = name.toLowerCase(Locale.ROOT);
                listings.add(new WatcherListing(name, nodes, cluster.contains(key), Optional.ofNullable(records.get(key))
                        .map(s -> recorded(s.record(), byNode))));
            });
            return listings;
        });
    }

    private WatcherListing.Recorded recorded(ClusterWatcherRecord r, Map<String, NodeWatchers> byNode) {
        List<WatcherListing.CopyStatus> copies = new ArrayList<>();
        for (String node : r.nodes()) {
            NodeWatchers there = byNode.get(node);
            String status;
            if (there == null) {
                status = parts.connections().summary(node).map(n -> n.state().wireName()).orElse("gone");
            } else if (there.failure().isPresent()) {
                status = there.failure().get().reason();
            } else {
                status = there.watchers().stream().filter(w -> w.name().equalsIgnoreCase(r.name())).map(WatcherStatus::status)
                        .findFirst().orElse("missing");
            }
            copies.add(new WatcherListing.CopyStatus(node, status));
        }
        return new WatcherListing.Recorded(r.instances(), r.spread(), r.pinned(), copies, r.failures(), r.retryAt(),
                r.removing());
    }

    @Override
    public Optional<Operation> operation(String id) {
        return parts.operations().find(id);
    }

    @Override
    public List<Operation> operations() {
        return parts.operations().all();
    }
}
