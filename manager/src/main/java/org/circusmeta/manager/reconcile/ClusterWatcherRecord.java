package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.Request;

/**
 * A cluster watcher as recorded under {@code /watchers/<name>}: the watcher circus is to run and the
 * labels it is placed by ({@link WatcherDefinition}), how many copies run ({@link Instances}) and the
 * label they spread over, or that it is pinned on its one node; every copy's node, with when, by which
 * manager replica and why it went there; the nodes it was moved off whose copies may still run
 * ({@code moved_from}, emptied as those copies are removed); the copies that failed to start lately
 * (the back-off of the next attempt); and whether it is being removed. The znode name is the watcher's
 * name in lower case, as circus compares names. docs/registry.md shows a record; {@link RecordFormat}
 * writes and reads it.
 *
 * <p>Immutable.
 */
public record ClusterWatcherRecord(WatcherDefinition definition, Instances instances, Optional<String> spread,
        boolean pinned, List<Copy> copies, List<String> movedFrom, List<StartFailure> failures, boolean removing) {

    /** The failures kept: enough for the back-off to reach its longest wait. */
    static final int FAILURES_KEPT = 10;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

    /** One copy: its node, and when, by which replica and why it went there. */
    public record Copy(String node, Instant placedAt, String placedBy, String reason) {}

    /** A copy that did not start where it was placed: the node refused it or did not answer. */
    public record StartFailure(String node, Instant at, String reason) {}

    public ClusterWatcherRecord {
        Map<String, Copy> byNode = new LinkedHashMap<>();
        copies.forEach(c -> byNode.putIfAbsent(c.node(), c));
        copies = List.copyOf(byNode.values());
        List<String> from = new ArrayList<>(new LinkedHashSet<>(movedFrom));
        from.removeAll(byNode.keySet());
        movedFrom = List.copyOf(from);
        failures = List.copyOf(failures.subList(Math.max(0, failures.size() - FAILURES_KEPT), failures.size()));
    }

    /** A new record: the watcher with its first copies. */
    public static ClusterWatcherRecord of(WatcherDefinition definition, Instances instances, Optional<String> spread,
            boolean pinned, List<Copy> copies) {
        return new ClusterWatcherRecord(definition, instances, spread, pinned, copies, List.of(), List.of(), false);
    }

    /** The znode name of a watcher: lower case, as circus compares watcher names. */
    public static String key(String watcher) {
        return watcher.toLowerCase(Locale.ROOT);
    }

    public String name() {
        return definition.name();
    }

    public String key() {
        return key(name());
    }

    public int numprocesses() {
        return definition.processes();
    }

    /** What placement weighs, with the spread. */
    public WatcherSpec watcherSpec() {
        return definition.placement().spreadOver(spread);
    }

    /** circus's {@code add} for this watcher. */
    public Request addRequest() {
        return definition.addRequest(false);
    }

    /** The nodes of its copies, in the order they were placed. */
    public List<String> nodes() {
        return copies.stream().map(Copy::node).toList();
    }

    /** The node of its first copy: the only one of a watcher with one copy. */
    public Optional<String> node() {
        return copies.isEmpty() ? Optional.empty() : Optional.of(copies.get(0).node());
    }

    public Optional<Copy> copyOn(String node) {
        return copies.stream().filter(c -> c.node().equals(node)).findFirst();
    }

    /** The copy count asked for: every fitting node counts as one for {@code "all"}. */
    public boolean isShort() {
        return !pinned && !instances.isEvery() && copies.size() < instances.count();
    }

    /** With one more copy. */
    public ClusterWatcherRecord withCopy(Copy copy) {
        List<Copy> more = new ArrayList<>(copies);
        more.add(copy);
        return with(more, movedFrom);
    }

    /** Without the copy on that node; when it may still run there, the node joins {@code moved_from}. */
    public ClusterWatcherRecord withoutCopy(String node, boolean mayRun) {
        List<Copy> fewer = new ArrayList<>(copies);
        fewer.removeIf(c -> c.node().equals(node));
        List<String> from = new ArrayList<>(movedFrom);
        if (mayRun) {
            from.add(node);
        }
        return with(fewer, from);
    }

    /** The copy on {@code from} placed again as {@code to}: the old node joins {@code moved_from}. */
    public ClusterWatcherRecord movedTo(String from, Copy to) {
        List<Copy> moved = new ArrayList<>();
        copies.forEach(c -> moved.add(c.node().equals(from) ? to : c));
        List<String> stale = new ArrayList<>(movedFrom);
        stale.add(from);
        return with(moved, stale);
    }

    /** The copies on these nodes are gone: they leave {@code moved_from}. */
    public ClusterWatcherRecord withoutCopiesOn(List<String> nodes) {
        List<String> from = new ArrayList<>(movedFrom);
        from.removeAll(nodes);
        return with(copies, from);
    }

    /** The node was renamed: its copy, and its place in {@code moved_from}, carry the new name. */
    public ClusterWatcherRecord renamed(String oldName, String newName) {
        UnaryOperator<String> rename = n -> n.equals(oldName) ? newName : n;
        List<Copy> renamed = copies.stream().map(c -> new Copy(rename.apply(c.node()), c.placedAt(), c.placedBy(),
                c.reason())).toList();
        return with(renamed, movedFrom.stream().map(rename).toList());
    }

    /** The same copies, running another definition, spread over another label. */
    public ClusterWatcherRecord withDefinition(WatcherDefinition other, Optional<String> otherSpread) {
        return new ClusterWatcherRecord(other, instances, otherSpread, pinned, copies, movedFrom, failures, removing);
    }

    public ClusterWatcherRecord withInstances(Instances count) {
        return new ClusterWatcherRecord(definition, count, spread, pinned, copies, movedFrom, failures, removing);
    }

    /** A copy failed to start on that node. */
    public ClusterWatcherRecord failedOn(String node, Instant at, String reason) {
        List<StartFailure> more = new ArrayList<>(failures);
        more.add(new StartFailure(node, at, reason));
        return new ClusterWatcherRecord(definition, instances, spread, pinned, copies, movedFrom, more, removing);
    }

    /** A copy started: the failures before it no longer hold the next placement back. */
    public ClusterWatcherRecord started() {
        return failures.isEmpty() ? this
                : new ClusterWatcherRecord(definition, instances, spread, pinned, copies, movedFrom, List.of(), removing);
    }

    /** Marked for removal: whoever carries the removal on removes its copies, then the record. */
    public ClusterWatcherRecord markedRemoving() {
        return new ClusterWatcherRecord(definition, instances, spread, pinned, copies, movedFrom, failures, true);
    }

    /**
     * When a copy may be placed again after the failures: 1 s after the first, doubling with each one
     * after it, up to 5 min; empty when there were none.
     */
    public Optional<Instant> retryAt() {
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        long seconds = Math.min(LONGEST_BACKOFF.toSeconds(), FIRST_BACKOFF.toSeconds() << Math.min(30, failures.size() - 1));
        return Optional.of(failures.get(failures.size() - 1).at().plusSeconds(seconds));
    }

    /** The nodes where a copy failed lately: kept off while others fit. */
    public List<String> failedNodes() {
        return failures.stream().map(StartFailure::node).distinct().toList();
    }

    public byte[] toBytes() {
        return RecordFormat.write(this);
    }

    /** Reads a record (as written today, or by a manager that knew one node per watcher); empty when it is not one. */
    public static Optional<ClusterWatcherRecord> parse(byte[] data) {
        return RecordFormat.read(data);
    }

    private ClusterWatcherRecord with(List<Copy> newCopies, List<String> newMovedFrom) {
        return new ClusterWatcherRecord(definition, instances, spread, pinned, newCopies, newMovedFrom, failures, removing);
    }
}
