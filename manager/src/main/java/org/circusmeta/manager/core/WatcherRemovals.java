package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.RunResult.Ran;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes watchers ({@code rm}), keeping the cluster watcher records in step, so that a removal
 * happens whole or is reported pending and finished later, never half (docs/placement.md, "Removing"):
 * <ol>
 *   <li>while ZooKeeper is not connected, a recorded watcher is not touched: the answer says nothing
 *       was done;
 *   <li>its record is marked {@code removing} (a versioned write), so that from then on the removal
 *       is recorded: the leader adds no copy of it, and finishes the removal if this one does not;
 *   <li>{@code rm} goes to every node that has it;
 *   <li>the record is deleted, once every node that had it removed it. When a node did not answer,
 *       or ZooKeeper went away meanwhile, the answer says the rest is pending: the leader removes it
 *       from the nodes left and deletes the record when it can.
 * </ol>
 * With a node named, only that node's copy goes: the whole record when it was the only copy; the
 * copy alone when it is one of a pinned watcher's; a placed watcher of several copies is changed
 * with a count instead ({@code PATCH}).
 *
 * <p>Thread-safe. Returns at once: the ZooKeeper steps run on the registry-writes executor.
 */
final class WatcherRemovals {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherRemovals.class);

    private final Parts parts;
    private final WatcherCommands commands;

    WatcherRemovals(Parts parts, WatcherCommands commands) {
        this.parts = parts;
        this.commands = commands;
    }

    /** What the record says of this removal, before anything is sent. */
    private sealed interface Step {}

    private record Unrecorded() implements Step {}

    /** A record that could not be read held the name: deleted, since nothing in it can be honoured. */
    private record Unreadable() implements Step {}

    private record Whole(ClusterRecords.Stored marked) implements Step {}

    private record OneCopy(ClusterRecords.Stored written, String node) implements Step {}

    private record Refused(Failure.InvalidRequest why) implements Step {}

    CompletableFuture<RunResult> remove(WatcherCommand rm, Duration within) {
        return CompletableFuture.supplyAsync(() -> step(rm), parts.registryWrites()).thenCompose(step -> {
            if (step instanceof Refused refused) {
                return CompletableFuture.completedFuture(refused.why());
            }
            return commands.run(rm, within).thenApplyAsync(result -> finish(step, result), parts.registryWrites());
        });
    }

    private Step step(WatcherCommand rm) {
        ClusterRecords records = parts.cluster().records();
        if (records.get(rm.watcher()).isEmpty() && parts.registry().current().clusterWatchers().stream()
                .noneMatch(ClusterWatcherRecord.key(rm.watcher())::equals)) {
            return new Unrecorded();
        }
        records.requireConnected("watcher " + rm.watcher() + " (it is recorded under /watchers)");
        Optional<ClusterRecords.Stored> read = records.read(rm.watcher());
        if (read.isEmpty()) {
            boolean held = rm.node().isEmpty() && records.deleteAt(rm.watcher(), -1);
            if (held) {
                LOG.info("deleted /watchers/{}, which was not a readable cluster watcher record",
                        ClusterWatcherRecord.key(rm.watcher()));
            }
            return held ? new Unreadable() : new Unrecorded();
        }
        ClusterRecords.Stored stored = read.get();
        ClusterWatcherRecord r = stored.record();
        Optional<String> node = rm.node();
        if (node.isPresent() && r.copyOn(node.get()).isEmpty()) {
            return new Unrecorded();
        }
        if (node.isPresent() && r.copies().size() > 1) {
            if (!r.pinned()) {
                return new Refused(new Failure.InvalidRequest("node: cluster watcher " + r.name() + " has "
                        + r.copies().size() + " copies (on " + String.join(", ", r.nodes()) + "), kept by the leader; DELETE"
                        + " /api/watchers/" + r.name() + " without node removes them all, and PATCH /api/watchers/" + r.name()
                        + " {\"instances\": K} changes their count"));
            }
            return written(records.update(r.withoutCopy(node.get(), true), stored.version()), rm)
                    .<Step>map(s -> new OneCopy(s, node.get())).orElseGet(() -> step(rm));
        }
        return written(records.update(r.markedRemoving(), stored.version()), rm).<Step>map(Whole::new)
                .orElseGet(() -> step(rm));
    }

    /** A write that lost its race to another is decided again from the record as it is now. */
    private static Optional<ClusterRecords.Stored> written(Optional<ClusterRecords.Stored> write, WatcherCommand rm) {
        if (write.isEmpty()) {
            LOG.info("the record of watcher {} changed while it was being removed; deciding again", rm.watcher());
        }
        return write;
    }

    private RunResult finish(Step step, RunResult result) {
        boolean ranNowhere = result instanceof Failure.UnknownWatcher;
        if (step instanceof Unrecorded || !(result instanceof Ran) && !ranNowhere) {
            return result;
        }
        if (step instanceof Unreadable) {
            return ranNowhere ? new Ran(FanOutResult.NONE) : result;
        }
        FanOutResult outcomes = result instanceof Ran ran ? ran.result() : FanOutResult.NONE;
        boolean allRemoved = outcomes.outcomes().stream().allMatch(o -> o.answer().filter(WatcherRemovals::removed)
                .isPresent());
        if (step instanceof OneCopy one) {
            if (allRemoved) {
                parts.placer().release(one.written().record().name(), one.node());
                cleanUp(one.written(), one.node());
                return new Ran(removedAlready(outcomes, List.of(one.node())));
            }
            return new Ran(outcomes);
        }
        ClusterRecords.Stored marked = ((Whole) step).marked();
        String name = marked.record().name();
        if (!allRemoved) {
            return pending(outcomes, name, "not every node that has it removed it (see its results)");
        }
        try {
            parts.cluster().records().requireConnected("the record /watchers/" + marked.record().key());
            parts.cluster().records().deleteAt(name, marked.version());
        } catch (RuntimeException e) {
            return pending(outcomes, name, "its record could not be deleted (" + e.getMessage() + ")");
        }
        parts.placer().release(name);
        LOG.info("removed cluster watcher {}: its record /watchers/{} is deleted{}", name, marked.record().key(),
                marked.record().nodes().isEmpty() ? "" : " (it ran on " + String.join(", ", marked.record().nodes()) + ")");
        return new Ran(removedAlready(outcomes, marked.record().nodes()));
    }

    /**
     * The removal is complete, so a node of the record that answered "no such watcher" had it removed by
     * the leader, which finishes a marked removal as soon as it sees the mark and may get there first: it
     * is answered as removed, not as an error the caller would think left the watcher running.
     */
    private static FanOutResult removedAlready(FanOutResult outcomes, Collection<String> listed) {
        return new FanOutResult(outcomes.outcomes().stream().map(o -> o instanceof NodeOutcome.Answered a
                && a.reply().isUnknownWatcher() && listed.contains(a.node())
                ? new NodeOutcome.Answered(a.node(), Reply.ok().build()) : o).toList());
    }

    private Ran pending(FanOutResult outcomes, String name, String why) {
        String pending = "the removal of cluster watcher " + name + " is recorded (its record is marked removing) but not"
                + " finished: " + why + "; the leader finishes it, removing it from the nodes left and deleting the record,"
                + " once they and ZooKeeper answer. GET /api/watchers shows it pending until then";
        LOG.warn("{}", pending);
        return new Ran(outcomes, Optional.of(pending));
    }

    /** The copy on a node is gone: the record no longer names the node at all. */
    private void cleanUp(ClusterRecords.Stored written, String node) {
        try {
            parts.cluster().records().update(written.record().withoutCopiesOn(List.of(node)), written.version());
        } catch (RuntimeException e) {
            LOG.debug("the leader forgets {} from /watchers/{} at its next pass: {}", node, written.record().key(),
                    e.getMessage());
        }
    }

    private static boolean removed(Reply reply) {
        return !reply.isError() || reply.isUnknownWatcher();
    }
}
