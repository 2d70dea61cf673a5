package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.reconcile.CopyStarts;
import org.circusmeta.protocol.Request;

/**
 * Replaces a cluster watcher's definition, one copy at a time: the record first (so that a copy the
 * leader adds again meanwhile is the new one), then on each copy's node, in order, {@code rm} of the old
 * watcher and {@code add} of the new, and the next node only once it runs there active with all its
 * processes ({@link CopyActive}). The first copy that does not stops the replacement: the copies after
 * it keep the old definition until it is applied again.
 *
 * <p>Thread-safe. Blocks on ZooKeeper and on the nodes: runs on the move threads.
 */
final class WatcherReplace {
    /** How long each new copy has to become active. */
    static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);
    private static final int RACES = 5;

    private final Parts parts;
    private final AddWatcher desired;

    WatcherReplace(Parts parts, AddWatcher desired) {
        this.parts = parts;
        this.desired = desired;
    }

    /** Completes empty once every copy runs the new definition, or with why not; fails only on an unexpected error. */
    CompletableFuture<Optional<String>> run() {
        return CompletableFuture.supplyAsync(this::replace, parts.moves());
    }

    private Optional<String> replace() {
        Optional<ClusterRecords.Stored> written = Optional.empty();
        for (int race = 0; race < RACES && written.isEmpty(); race++) {
            Optional<ClusterRecords.Stored> read = parts.cluster().records().read(desired.definition().name());
            if (read.isEmpty() || read.get().record().removing()) {
                return Optional.of("it was removed meanwhile");
            }
            written = parts.cluster().records().update(read.get().record().withDefinition(desired.definition(),
                    desired.spread()), read.get().version());
        }
        if (written.isEmpty()) {
            return Optional.of("its record /watchers/" + ClusterWatcherRecord.key(desired.definition().name())
                    + " kept changing meanwhile; apply the file again");
        }
        for (String node : written.get().record().nodes()) {
            Optional<String> failed = replaceOn(node);
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    /** The old copy on the node removed, the new one added and active there; or why not. */
    private Optional<String> replaceOn(String node) {
        String name = desired.definition().name();
        Deadline deadline = Deadline.in(parts.fanOut().defaultDeadline());
        NodeOutcome removed = parts.fanOut().one(Request.of("rm").with("name", name), node, deadline).join();
        if (removed.answer().filter(r -> !r.isError() || r.isUnknownWatcher()).isEmpty()) {
            return Optional.of("node " + node + " did not remove the old copy (" + CopyStarts.why(removed) + "); the copies from there"
                    + " on keep the old definition: apply the file again");
        }
        NodeOutcome added = parts.fanOut().one(desired.definition().addRequest(true), node,
                Deadline.in(parts.fanOut().defaultDeadline())).join();
        if (added.answer().filter(r -> !r.isError() || r.isAlreadyExists()).isEmpty()) {
            return Optional.of("node " + node + " did not add the new copy (" + CopyStarts.why(added) + "); the leader adds it again"
                    + " there, the copies after it keep the old definition: apply the file again");
        }
        return new CopyActive(parts, node, name, desired.definition().processes(), ACTIVE_WITHIN).await().join()
                .map(inactive -> "the new copy on " + node + " " + inactive + "; the copies after it keep the old"
                        + " definition: apply the file again once it runs");
    }
}
