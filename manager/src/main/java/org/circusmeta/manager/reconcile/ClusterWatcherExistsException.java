package org.circusmeta.manager.reconcile;

/** A watcher of that name is already a cluster watcher (answered with 409). */
public class ClusterWatcherExistsException extends RuntimeException {
    public ClusterWatcherExistsException(ClusterWatcherRecord existing) {
        super("a cluster watcher named '" + existing.name() + "' already exists, placed on node " + existing.node()
                + " (record /watchers/" + existing.key() + "); remove it first with DELETE /api/watchers/" + existing.name()
                + ", or choose another name");
    }
}
