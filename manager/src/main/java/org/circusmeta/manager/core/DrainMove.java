package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.reconcile.Copies;

/**
 * Moves one cluster watcher's copy off a drained node, so that the watcher never has fewer running
 * copies than before: a new copy placed where placement chooses (the record first, naming both
 * copies), then waited for until it is active ({@link CopyActive}), then the old copy removed (the
 * record first, then {@code rm} on the drained node). The leader never removes a copy on a cordoned
 * node as a surplus meanwhile. A watcher on every node has a copy on each fitting node already: its
 * copy on the drained node is removed, when it runs elsewhere. Whatever cannot be done leaves the old
 * copy where it is; a new copy that does not become active is removed again.
 *
 * <p>Thread-safe. The record writes and node commands run on the move threads.
 */
final class DrainMove {
    /** How long a new copy has to become active, within the drain's deadline. */
    static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);
    private static final int RACES = 5;

    /** What came of the move: moved or not, and why, in words. */
    record Outcome(boolean moved, String reason) {}

    /** A new copy placed, to be waited for; or the end of the move. */
    private record Placed(Optional<ClusterRecords.Stored> stored, String to, Optional<Outcome> done) {}

    private final Parts parts;
    private final String node;
    private final String watcher;
    private final Deadline deadline;

    DrainMove(Parts parts, String node, String watcher, Deadline deadline) {
        this.parts = parts;
        this.node = node;
        this.watcher = watcher;
        this.deadline = deadline;
    }

    /** Completes with the outcome; fails only on an unexpected error. */
    CompletableFuture<Outcome> run() {
        return CompletableFuture.supplyAsync(this::place, parts.moves()).thenCompose(placed -> {
            if (placed.done().isPresent()) {
                return CompletableFuture.completedFuture(placed.done().get());
            }
            ClusterWatcherRecord r = placed.stored().orElseThrow().record();
            Duration within = ACTIVE_WITHIN.compareTo(deadline.remaining()) < 0 ? ACTIVE_WITHIN : deadline.remaining();
            return new CopyActive(parts, placed.to(), r.name(), r.numprocesses(), within).await()
                    .thenApplyAsync(inactive -> inactive.isEmpty() ? retire(placed.to())
                            : withdraw(placed.to(), inactive.get()), parts.moves());
        });
    }

    /** On a move thread: the new copy placed, or why there is none. */
    private Placed place() {
        for (int race = 0; race < RACES; race++) {
            Optional<ClusterRecords.Stored> read = parts.cluster().records().read(watcher);
            Optional<Outcome> settled = settled(read);
            if (settled.isPresent()) {
                return new Placed(Optional.empty(), "", settled);
            }
            ClusterWatcherRecord r = read.get().record();
            if (r.instances().isEvery()) {
                return new Placed(Optional.empty(), "", Optional.of(everyNode(read.get())));
            }
            Copies.Change placed = parts.cluster().copies().place(read.get(), Optional.empty(), "node " + node + " is drained");
            switch (placed.kind()) {
                case DONE -> {
                    List<String> added = new ArrayList<>(placed.record().orElseThrow().record().nodes());
                    added.removeAll(r.nodes());
                    return new Placed(placed.record(), added.get(0), Optional.empty());
                }
                case NO_FIT, NOT_STARTED -> {
                    return new Placed(Optional.empty(), "", Optional.of(new Outcome(false, placed.message()
                            + "; it stays on " + node)));
                }
                case RACE_LOST -> {
                    // Read again and decide again.
                }
            }
        }
        return new Placed(Optional.empty(), "", Optional.of(raced()));
    }

    /** The move is over before it began: the watcher is gone, or has no copy on the node any more. */
    private Optional<Outcome> settled(Optional<ClusterRecords.Stored> read) {
        if (read.isEmpty() || read.get().record().removing()) {
            return Optional.of(new Outcome(true, "it was removed meanwhile: nothing left to move"));
        }
        ClusterWatcherRecord r = read.get().record();
        if (r.copyOn(node).isEmpty()) {
            return Optional.of(new Outcome(true, "it has no copy on " + node + " any more; it runs on " + on(r.nodes())));
        }
        if (r.pinned()) {
            return Optional.of(new Outcome(false, "it was pinned to " + node + " meanwhile: it stays there"));
        }
        return Optional.empty();
    }

    /** A watcher on every fitting node: its copy here goes, when it runs on another node. */
    private Outcome everyNode(ClusterRecords.Stored stored) {
        List<String> others = new ArrayList<>(stored.record().nodes());
        others.remove(node);
        if (others.isEmpty()) {
            return new Outcome(false, "it runs on every fitting node, and no node but " + node + " fits: it stays there");
        }
        return remove(stored, node, "node " + node + " is drained; it runs on every fitting node")
                .map(c -> new Outcome(true, "runs on every fitting node: removed from " + node + ", it runs on " + on(others)))
                .orElseGet(this::raced);
    }

    /** On a move thread, once the new copy is active: the old copy removed. */
    private Outcome retire(String to) {
        for (int race = 0; race < RACES; race++) {
            Optional<ClusterRecords.Stored> read = parts.cluster().records().read(watcher);
            Optional<Outcome> settled = settled(read);
            if (settled.isPresent()) {
                return settled.get();
            }
            if (read.get().record().copyOn(to).isEmpty()) {
                return new Outcome(false, "its new copy on " + to + " was removed meanwhile (scaled or moved by the leader):"
                        + " it stays on " + node);
            }
            Copies.Change removed = parts.cluster().copies().remove(read.get(), node, "node " + node + " is drained; its new"
                    + " copy on " + to + " is active");
            if (removed.isDone()) {
                return new Outcome(true, "to " + to);
            }
        }
        return raced();
    }

    /** On a move thread, when the new copy did not become active: it is removed again, the old one stays. */
    private Outcome withdraw(String to, String why) {
        Optional<ClusterRecords.Stored> read = parts.cluster().records().read(watcher);
        read.filter(s -> s.record().copyOn(to).isPresent()).ifPresent(s -> remove(s, to, "it did not become active"));
        return new Outcome(false, "its new copy on " + to + " " + why + ", so it was removed again: it stays on " + node);
    }

    private Optional<Copies.Change> remove(ClusterRecords.Stored stored, String from, String why) {
        Copies.Change removed = parts.cluster().copies().remove(stored, from, why);
        return removed.isDone() ? Optional.of(removed) : Optional.empty();
    }

    private Outcome raced() {
        return new Outcome(false, "its record /watchers/" + ClusterWatcherRecord.key(watcher) + " kept changing meanwhile"
                + " (" + RACES + " times): it stays on " + node + "; drain the node again to move it");
    }

    private static String on(List<String> nodes) {
        return nodes.isEmpty() ? "no node" : String.join(", ", nodes);
    }
}
