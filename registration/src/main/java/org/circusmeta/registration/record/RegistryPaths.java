package org.circusmeta.registration.record;

/**
 * The znode layout of docs/registry.md (docs/security.md says who may write each znode), relative to
 * the namespace (Curator's namespace facility puts it under {@code /circusmeta} by default). Every
 * other class asks here; none spells a path itself.
 *
 * <p>Thread-safe: constants and pure functions.
 */
public final class RegistryPaths {
    public static final String DEFAULT_NAMESPACE = "circusmeta";
    /** Parent of the EPHEMERAL node records, one per registered node. */
    public static final String NODES = "/nodes";
    /** Parent of the PERSISTENT cluster watcher records. */
    public static final String WATCHERS = "/watchers";
    /** Parent of the PERSISTENT rename requests, deleted by the registrar once done. */
    public static final String RENAMES = "/renames";
    /** The LeaderLatch of the manager replicas. */
    public static final String LEADER = "/leader";
    /**
     * Kept for the managers' records of which nodes may take new placements (a node cordoned, say):
     * only managers write under it, and it lives outside the ephemeral node records so that it
     * survives a node's re-registration.
     */
    public static final String ELIGIBILITY = "/eligibility";

    private RegistryPaths() {}

    public static String node(String name) {
        return NODES + "/" + name;
    }

    public static String watcher(String name) {
        return WATCHERS + "/" + name;
    }

    public static String rename(String oldName) {
        return RENAMES + "/" + oldName;
    }

    /** Where a node's eligibility for new placements is recorded, by its name. */
    public static String eligibility(String node) {
        return ELIGIBILITY + "/" + node;
    }

    /** The last segment of a path: the node or watcher name. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
