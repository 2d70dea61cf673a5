package org.circusmeta.manager.api;

/** {@code POST /api/watchers/{name}/{action}} with an action that does not exist. */
public class UnknownActionException extends RuntimeException {
    public UnknownActionException(String action) {
        super("no watcher action '" + action + "'; use start, stop, restart, incr or decr");
    }
}
