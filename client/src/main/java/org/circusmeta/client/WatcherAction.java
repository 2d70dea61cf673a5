package org.circusmeta.client;

import java.util.Locale;

/** What {@code POST /api/watchers/{name}/{action}} does to a watcher: circus's command of that name. */
public enum WatcherAction {
    START, STOP, RESTART, INCR, DECR;

    /** The path segment and circus command: {@code start}, {@code incr}... */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it takes a count ({@code nb}): incr and decr do. */
    public boolean counts() {
        return this == INCR || this == DECR;
    }
}
