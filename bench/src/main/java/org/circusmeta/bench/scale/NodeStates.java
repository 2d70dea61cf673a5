package org.circusmeta.bench.scale;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the manager's log says of each node, as the lines arrive: {@code node N attached at} and
 * {@code node N answers again at} (attached), {@code node N did not answer its liveness probe}
 * (unreachable), {@code detached node N:} (gone). The manager writes these lines as the state
 * changes (through Dropwizard's asynchronous appender), so a line's arrival time is the change's time
 * to well under a millisecond, without asking the manager anything.
 *
 * <p>Thread-safe.
 */
final class NodeStates {
    enum State { ATTACHED, UNREACHABLE, DETACHED }

    private static final Pattern ATTACHED = Pattern.compile("node (\\S+) (?:attached|answers again) at ");
    private static final Pattern UNREACHABLE = Pattern.compile("node (\\S+) did not answer its liveness probe");
    private static final Pattern DETACHED = Pattern.compile("detached node (\\S+): ");

    private final Set<String> attached = new HashSet<>();
    private final Map<String, CompletableFuture<Long>> next = new HashMap<>();
    private final List<AllAttached> groups = new ArrayList<>();

    private record AllAttached(Set<String> missing, CompletableFuture<Long> done) {}

    void read(String line, long nanos) {
        if (!line.contains("node ")) {
            return;
        }
        if (found(ATTACHED, line, State.ATTACHED, nanos) || found(UNREACHABLE, line, State.UNREACHABLE, nanos)) {
            return;
        }
        found(DETACHED, line, State.DETACHED, nanos);
    }

    private boolean found(Pattern pattern, String line, State state, long nanos) {
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            return false;
        }
        changed(m.group(1), state, nanos);
        return true;
    }

    private synchronized void changed(String node, State state, long nanos) {
        if (state == State.ATTACHED) {
            attached.add(node);
            for (AllAttached group : List.copyOf(groups)) {
                if (group.missing().remove(node) && group.missing().isEmpty()) {
                    group.done().complete(nanos);
                    groups.remove(group);
                }
            }
        } else {
            attached.remove(node);
        }
        CompletableFuture<Long> waiting = next.remove(key(node, state));
        if (waiting != null) {
            waiting.complete(nanos);
        }
    }

    /** The arrival time of the node's next line of that state (registered before the cause). */
    synchronized CompletableFuture<Long> next(String node, State state) {
        return next.computeIfAbsent(key(node, state), k -> new CompletableFuture<>());
    }

    /** Completes when every named node is attached, with the time of the last one's line. */
    synchronized CompletableFuture<Long> allAttached(Collection<String> nodes) {
        Set<String> missing = new HashSet<>(nodes);
        missing.removeAll(attached);
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(System.nanoTime());
        }
        AllAttached group = new AllAttached(missing, new CompletableFuture<>());
        groups.add(group);
        return group.done();
    }

    synchronized int attachedCount() {
        return attached.size();
    }

    /** Forgets what was seen, for a manager started anew. */
    synchronized void reset() {
        attached.clear();
    }

    private static String key(String node, State state) {
        return node + "\n" + state;
    }
}
