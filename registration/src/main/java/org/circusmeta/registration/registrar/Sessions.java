package org.circusmeta.registration.registrar;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;

/**
 * The ZooKeeper sessions a registrar has seen its client hold: the current one, and the ones before
 * it that expired. An ephemeral znode owned by one of them is this registrar's own (after an expiry
 * the old session's znode can outlive it for a moment); any other owner is a stranger.
 *
 * <p>Thread-safe.
 */
final class Sessions {
    private final CuratorFramework curator;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();

    Sessions(CuratorFramework curator) {
        this.curator = curator;
    }

    /** The client's session now; 0 while it has none. */
    long current() {
        try {
            return curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Notes the current session as one of this registrar's. */
    void remember() {
        long id = current();
        if (id != 0) {
            seen.add(id);
        }
    }

    boolean isCurrent(long owner) {
        return owner != 0 && owner == current();
    }

    boolean isOwn(long owner) {
        return owner != 0 && (owner == current() || seen.contains(owner));
    }

    static String hex(long session) {
        return "0x" + Long.toHexString(session);
    }
}
