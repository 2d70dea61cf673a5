package org.circusmeta.manager.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.command.NodeRefusedException;
import org.circusmeta.manager.command.NodeTimeoutException;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.PlacementDecision;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a watcher where placement chooses and records it as a cluster watcher (SPEC §4.3), on any
 * replica: place, claim the name by creating {@code /watchers/<name>}, then add it on the node.
 *
 * <p>Why ZooKeeper's atomic create rather than a Curator lock: the claim is the record itself, so
 * there is no window between holding a lock and writing, nothing to release when a replica dies
 * midway, and adds of different names never wait for each other. Two replicas adding one name race
 * on one create; ZooKeeper lets exactly one win, and the other answers 409.
 *
 * <p>When the node refuses the add, or was never sent it (unreachable, detached), the claim is undone:
 * the watcher runs nowhere. When the node does not answer in time, or leaves the registry before it
 * answers, it may have run the add: the record is kept, and the leader's reconciler adds it on that
 * node if it does not run there (or moves it if the node leaves). {@code rm} cancels it either way.
 *
 * <p>Thread-safe. Blocks the calling thread up to the command timeout.
 */
public final class ClusterWatchers {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatchers.class);

    /** Where a watcher went, why, and the node's reply to {@code add}. */
    public record Added(String name, String node, String reason, Reply reply) {}

    private final ClusterRecords records;
    private final Placer placer;
    private final FanOut fanOut;
    private final Replica replica;
    private final PlacementMetrics metrics;

    public ClusterWatchers(ClusterRecords records, Placer placer, FanOut fanOut, Replica replica, PlacementMetrics metrics) {
        this.records = records;
        this.placer = placer;
        this.fanOut = fanOut;
        this.replica = replica;
        this.metrics = metrics;
    }

    /**
     * @param addProperties circus's {@code add} properties (name, cmd, args, options, start)
     * @throws NoNodeFitsException saying why each node was rejected
     * @throws ClusterWatcherExistsException when the name is a cluster watcher already
     * @throws NodeTimeoutException when the node did not answer (the record is kept: see above)
     * @throws NodeRefusedException when the node refused the add (the claim is undone)
     */
    public Added add(WatcherSpec spec, ObjectNode addProperties) {
        return add(spec, addProperties, fanOut.defaultDeadline());
    }

    /** As {@link #add(WatcherSpec, ObjectNode)}, waiting for the node at most {@code deadline}. */
    public Added add(WatcherSpec spec, ObjectNode addProperties, Duration deadline) {
        requireNotClusterWatcher(spec.name());
        PlacementDecision decision = placer.place(spec);
        ClusterWatcherRecord record = new ClusterWatcherRecord(spec.name(), addProperties, spec.constraints(),
                decision.node(), Instant.now(), replica.id(), decision.reason(), List.of());
        ClusterRecords.Stored claimed;
        try {
            claimed = records.claim(record);
        } catch (RuntimeException e) {
            placer.release(spec.name());
            throw e;
        }
        if (!claimed.record().equals(record)) {
            placer.release(spec.name());
            throw new ClusterWatcherExistsException(claimed.record());
        }
        NodeOutcome outcome = fanOut.run(record.addRequest(), List.of(record.node()), deadline)
                .join().outcomes().get(0);
        if (outcome instanceof NodeOutcome.Failed failed) {
            metrics.failed();
            if (failed.failure() == NodeOutcome.Failure.TIMEOUT) {
                LOG.warn("node {} did not answer 'add' of cluster watcher {} within {} ms; its record {} is kept: the leader"
                        + " adds it there if it does not run there. DELETE /api/watchers/{} cancels it", record.node(),
                        record.name(), deadline.toMillis(), "/watchers/" + record.key(), record.name());
            } else if (failed.failure() == NodeOutcome.Failure.GONE) {
                // It may have run the add before it left: undoing the claim would leave that copy unrecorded.
                LOG.warn("node {} left the registry before it answered 'add' of cluster watcher {}; its record {} is kept:"
                        + " the leader places it elsewhere if the node stays away, and removes the copy the node may run"
                        + " when it comes back. DELETE /api/watchers/{} cancels it", record.node(), record.name(),
                        "/watchers/" + record.key(), record.name());
            } else {
                undo(claimed, "node " + record.node() + " was " + failed.failure().reason());
            }
            throw new NodeTimeoutException(record.node(), "add", deadline, failed.failure());
        }
        Reply reply = outcome.answer().orElseThrow();
        if (reply.isError()) {
            metrics.failed();
            undo(claimed, "node " + record.node() + " refused it: " + reply.reason().orElse("no reason given"));
            throw new NodeRefusedException(record.node(), "add", reply);
        }
        metrics.placed();
        LOG.info("placed cluster watcher {} on {} ({})", record.name(), record.node(), decision.reason());
        return new Added(record.name(), record.node(), decision.reason(), reply);
    }

    /** A watcher pinned to a node must not take a cluster watcher's name, which the reconciler may move. */
    public void requireNotClusterWatcher(String name) {
        records.get(name).ifPresent(stored -> {
            throw new ClusterWatcherExistsException(stored.record());
        });
    }

    /**
     * Deletes the record of a watcher being removed (SPEC §7: {@code rm} alone does): when removed from
     * every node, or from the node the record names.
     *
     * @return whether a record was deleted
     */
    public boolean forget(String name, Optional<String> node) {
        Optional<ClusterWatcherRecord> known = records.get(name).map(ClusterRecords.Stored::record);
        if (node.isPresent() && known.map(r -> !r.node().equals(node.get())).orElse(true)) {
            return false;
        }
        if (!records.delete(name)) {
            return false;
        }
        placer.release(name);
        LOG.info("removed cluster watcher {}: its record /watchers/{} is deleted{}", name, ClusterWatcherRecord.key(name),
                known.map(r -> " (it was placed on " + r.node() + ")").orElse(""));
        return true;
    }

    private void undo(ClusterRecords.Stored claimed, String why) {
        placer.release(claimed.record().name());
        try {
            records.deleteAt(claimed.record().name(), claimed.version());
            LOG.warn("cluster watcher {} was not added: {}; its claim /watchers/{} is undone", claimed.record().name(), why,
                    claimed.record().key());
        } catch (RuntimeException e) {
            LOG.warn("cluster watcher {} was not added ({}), and its claim /watchers/{} could not be undone ({}): the leader"
                    + " adds it on {} once it runs nowhere. DELETE /api/watchers/{} cancels it", claimed.record().name(), why,
                    claimed.record().key(), e.getMessage(), claimed.record().node(), claimed.record().name());
        }
    }
}
