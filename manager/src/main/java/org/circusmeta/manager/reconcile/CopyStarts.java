package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.logs.OutputFiles;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts recorded copies: {@code add} to each of their nodes at once, then the record settled by the
 * answers. A copy the node refused, or that was never sent (unreachable, detached), did not start: it
 * is dropped from the record (kept, when the leader restores a pinned watcher, which is never moved) and its failure
 * recorded, so that the leader places it again after the back-off; a node that did not answer in
 * time, or left before it answered, may have started it, so its copy is kept (the leader adds it there
 * if it does not run there). A node that already runs a watcher of that name runs the copy. A real
 * circusd gets the watcher with its outputs to files its agent reads ({@link OutputFiles}).
 *
 * <p>Thread-safe. Returns at once: the adds run on the socket loops, the record's write on the given executor.
 */
public final class CopyStarts {
    private static final Logger LOG = LoggerFactory.getLogger(CopyStarts.class);

    /**
     * What came of starting copies: each node's outcome, which started, and the record as settled
     * (empty when the record was deleted because none started, or lost its race).
     */
    public record Started(List<NodeOutcome> outcomes, List<String> started, List<NodeOutcome> failed,
            Optional<ClusterRecords.Stored> record) {
        public boolean allStarted() {
            return failed.isEmpty() && started.size() == outcomes.size();
        }
    }

    /** Whose copies are started, which says what a refusal means. */
    public enum For {
        /** A request's new record: a node that has the name refuses; when no copy started, the record is deleted. */
        NEW_RECORD,
        /** A request's new copies of a recorded watcher: a node that has the name refuses. */
        NEW_COPIES,
        /** The leader's: a node that has a watcher of the name runs the copy. */
        LEADER
    }

    private final ClusterRecords records;
    private final Placer placer;
    private final FanOut fanOut;
    private final PlacementMetrics metrics;
    private final Executor writes;
    private final OutputFiles outputs;

    CopyStarts(ClusterRecords records, Placer placer, FanOut fanOut, PlacementMetrics metrics, Executor writes,
            OutputFiles outputs) {
        this.records = records;
        this.placer = placer;
        this.fanOut = fanOut;
        this.metrics = metrics;
        this.writes = writes;
        this.outputs = outputs;
    }

    /**
     * Adds the watcher on these nodes (copies of the stored record) and settles the record.
     *
     * @param waiting the nodes answer once they started it (circus's {@code waiting})
     */
    public CompletableFuture<Started> start(ClusterRecords.Stored stored, List<String> nodes, boolean waiting, Duration within,
            For whose) {
        ClusterWatcherRecord r = stored.record();
        List<CompletableFuture<NodeOutcome>> adds = new ArrayList<>();
        nodes.forEach(node -> adds.add(fanOut.one(outputs.addRequest(r.definition(), node, waiting), node, within)));
        return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).thenApplyAsync(done -> {
            List<NodeOutcome> outcomes = adds.stream().map(CompletableFuture::join).toList();
            return settle(stored, outcomes, whose);
        }, writes);
    }

    private Started settle(ClusterRecords.Stored stored, List<NodeOutcome> outcomes, For whose) {
        ClusterWatcherRecord r = stored.record();
        List<String> started = new ArrayList<>();
        List<NodeOutcome> failed = new ArrayList<>();
        for (NodeOutcome outcome : outcomes) {
            if (isStarted(outcome, whose == For.LEADER)) {
                started.add(outcome.node());
                placer.landed(r.name(), outcome.node());
            } else if (!mayHaveStarted(outcome)) {
                failed.add(outcome);
                placer.release(r.name(), outcome.node());
                metrics.failed();
            }
        }
        if (failed.size() == outcomes.size() && whose == For.NEW_RECORD) {
            undo(stored, failed);
            return new Started(outcomes, started, failed, Optional.empty());
        }
        ClusterWatcherRecord settled = started.isEmpty() ? r : r.started();
        Instant now = Instant.now();
        boolean keptWhereItIs = r.pinned() && whose == For.LEADER;
        for (NodeOutcome f : failed) {
            settled = (keptWhereItIs ? settled : settled.withoutCopy(f.node(), false)).failedOn(f.node(), now, why(f));
            LOG.warn("cluster watcher {}: its copy did not start on {} ({}){}", r.name(), f.node(), why(f), keptWhereItIs
                    ? "; it is pinned there: the leader adds it again after a back-off"
                    : "; the leader places it again after a back-off (GET /api/watchers shows the failures)");
        }
        outcomes.stream().filter(CopyStarts::mayHaveStarted).forEach(o -> LOG.warn("cluster watcher {}: node {} did not"
                + " answer its add in time ({}); the copy is kept recorded there: the leader adds it there if it does not"
                + " run there, or places it elsewhere if the node stays away", r.name(), o.node(), why(o)));
        Optional<ClusterRecords.Stored> written = settled.equals(r) ? Optional.of(stored) : write(stored, settled);
        return new Started(outcomes, started, failed, written);
    }

    private Optional<ClusterRecords.Stored> write(ClusterRecords.Stored stored, ClusterWatcherRecord settled) {
        try {
            Optional<ClusterRecords.Stored> written = records.update(settled, stored.version());
            if (written.isEmpty()) {
                LOG.warn("the record /watchers/{} changed while its copies started; the leader's next pass settles it",
                        settled.key());
            }
            return written;
        } catch (RuntimeException e) {
            LOG.warn("the record /watchers/{} could not be settled after its copies started ({}); the leader's next pass"
                    + " settles it", settled.key(), e.getMessage());
            return Optional.empty();
        }
    }

    private void undo(ClusterRecords.Stored claimed, List<NodeOutcome> failed) {
        ClusterWatcherRecord r = claimed.record();
        placer.release(r.name());
        String why = String.join("; ", failed.stream().map(f -> f.node() + ": " + why(f)).toList());
        try {
            records.deleteAt(r.name(), claimed.version());
            LOG.warn("cluster watcher {} was not added ({}); its claim /watchers/{} is undone", r.name(), why, r.key());
        } catch (RuntimeException e) {
            LOG.warn("cluster watcher {} was not added ({}), and its claim /watchers/{} could not be undone ({}): the leader"
                    + " adds it once ZooKeeper answers. DELETE /api/watchers/{} cancels it", r.name(), why, r.key(),
                    e.getMessage(), r.name());
        }
    }

    static boolean isStarted(NodeOutcome outcome, boolean orRunning) {
        return outcome.answer().filter(reply -> !reply.isError() || orRunning && reply.isAlreadyExists()).isPresent();
    }

    static boolean mayHaveStarted(NodeOutcome outcome) {
        return outcome instanceof NodeOutcome.Failed f
                && (f.failure() == NodeOutcome.Failure.TIMEOUT || f.failure() == NodeOutcome.Failure.GONE);
    }

    public static String why(NodeOutcome outcome) {
        if (outcome instanceof NodeOutcome.Failed f) {
            return f.failure() == NodeOutcome.Failure.TIMEOUT ? "no answer in time" : "node " + f.failure().reason();
        }
        Reply reply = outcome.answer().orElseThrow();
        return "refused: " + reply.reason().orElse("no reason given");
    }
}
