package org.circusmeta.registration.registrar;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;

/**
 * The ZooKeeper sessions a registrar's record has been held by: the current one, and the ones before
 * it that expired or were ended. An ephemeral znode owned by one of them is this registrar's own
 * (after an expiry the old session's znode can outlive it for a moment); any other owner is a
 * stranger. The record is held by the registrar's client, or, with ZooKeeper ACLs on, by a record
 * session of its own ({@link #holdWith}).
 *
 * <p>Thread-safe.
 */
final class Sessions {
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private volatile CuratorFramework holder;

    Sessions(CuratorFramework curator) {
        this.holder = curator;
    }

    /** From now on the record is held by this client's session; the current one stays known as this registrar's. */
    void holdWith(CuratorFramework client) {
        remember();
        holder = client;
        remember();
    }

    /** The holding client's session now; 0 while it has none. */
    long current() {
        try {
            return holder.getZookeeperClient().getZooKeeper().getSessionId();
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
