package org.circusmeta.protocol.logs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a tail: the newest kept lines the query selects, oldest first, or the server's
 * refusal (a watcher it does not have; a watcher whose output it cannot read, with the fix).
 *
 * <p>Immutable.
 *
 * @param watcher the watcher asked for
 * @param epoch the epoch the lines are numbered in (empty with a refusal)
 * @param last the number of the newest line the server has of the watcher, selected or not: a follow
 *     that wants what comes after this tail starts there
 * @param lines the lines, oldest first
 * @param omitted selected lines older than these that the reply left out to stay within its size
 * @param unreadable outputs of the watcher that cannot be read, with the fix (the others' lines are given)
 * @param refusal why there are no lines at all, when the server refused
 */
public record Tail(String watcher, String epoch, long last, List<LogLine> lines, int omitted, List<Unreadable> unreadable,
        Optional<Refusal> refusal) {
    public Tail {
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(epoch, "epoch");
        lines = List.copyOf(lines);
        unreadable = List.copyOf(unreadable);
        Objects.requireNonNull(refusal, "refusal");
    }

    /** True unless the server refused. */
    public boolean isOk() {
        return refusal.isEmpty();
    }
}
