package org.circusmeta.node.watcher;

import java.util.Locale;

/** A watcher's state as circusd names it in {@code status} replies. Immutable. */
public enum WatcherState {
    ACTIVE, STOPPED, STARTING, STOPPING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
