package org.circusmeta.manager.core;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.circusmeta.protocol.Request;

/** What the HTTP API does to a watcher by name ({@code POST /api/watchers/NAME/ACTION}). */
public enum WatcherAction {
    START, STOP, RESTART, INCR, DECR;

    /** The action of that name, in lower case as the API writes it. */
    public static Optional<WatcherAction> named(String action) {
        for (WatcherAction each : values()) {
            if (each.wireName().equals(action)) {
                return Optional.of(each);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only incr and decr take a count of processes. */
    public boolean isCounted() {
        return this == INCR || this == DECR;
    }

    /** The circus command; a count (default 1) for incr and decr only. */
    public Request request(OptionalInt nb) {
        Request request = Request.of(wireName());
        return isCounted() ? request.with("nb", nb.orElse(1)) : request;
    }
}
