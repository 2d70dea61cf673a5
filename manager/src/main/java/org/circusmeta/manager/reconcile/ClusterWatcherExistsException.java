package org.circusmeta.manager.reconcile;

/** A watcher of that name is already a cluster watcher (answered with 409). */
public class ClusterWatcherExistsException extends RuntimeException {
    public ClusterWatcherExistsException(ClusterWatcherRecord existing) {
        super("a cluster watcher named '" + existing.name() + "' already exists, placed on node " + existing.node()
                + " (record /watchers/" + existing.key() + "); remove it first with DELETE /api/watchers/" + existing.name()
                + ", or choose another name");
    }

    /** The name is held by a record that cannot be read. */
    public ClusterWatcherExistsException(String name, String key) {
        super("the name '" + name + "' is held by record /watchers/" + key + ", which is not a readable cluster watcher"
                + " record; remove it with DELETE /api/watchers/" + name + " (or fix it), or choose another name");
    }
}
