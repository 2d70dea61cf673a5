package org.circusmeta.manager.watchers;

/** No node (or not the node named) has a watcher of that name. */
public class UnknownWatcherException extends RuntimeException {
    public UnknownWatcherException(String watcher, String where) {
        super("no watcher named '" + watcher + "' " + where + "; GET /api/watchers lists them");
    }
}
