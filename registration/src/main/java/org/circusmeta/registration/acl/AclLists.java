package org.circusmeta.registration.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * ACL lists as the registry's model reads and writes them: built from ids and permissions (an id
 * named twice gets the union of its permissions), compared regardless of order, tested for what they
 * let an id do, and written as an operator reads them ({@code world:anyone r, digest:mgr:…= cdrwa},
 * ZooKeeper's own letters).
 *
 * <p>Thread-safe: pure functions.
 */
public final class AclLists {
    private AclLists() {}

    /** A list builder: each id with its permissions, merged when an id comes twice, in order. */
    static final class Builder {
        private final Map<Id, Integer> perms = new LinkedHashMap<>();

        Builder grant(Collection<Id> ids, int permissions) {
            ids.forEach(id -> grant(id, permissions));
            return this;
        }

        Builder grant(Id id, int permissions) {
            perms.merge(id, permissions, (a, b) -> a | b);
            return this;
        }

        /** Unmodifiable, but not a {@code List.of}: ZooKeeper asks it whether it contains null. */
        List<ACL> build() {
            List<ACL> acl = new ArrayList<>();
            perms.forEach((id, p) -> acl.add(new ACL(p, id)));
            return Collections.unmodifiableList(acl);
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** The same entries, in any order. */
    public static boolean sameEntries(List<ACL> a, List<ACL> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    /** Whether anyone (no credentials) may do more than read. */
    public static boolean isOpen(List<ACL> acl) {
        return acl.stream().anyMatch(e -> isAnyone(e.getId()) && (e.getPerms() & ~Perms.READ) != 0);
    }

    /**
     * Whether the list gives the digest user, or anyone, the permission. By user rather than id: to
     * whoever may not administer a znode, ZooKeeper shows its digest ids as {@code user:x}.
     */
    public static boolean allowsDigestUser(List<ACL> acl, String user, int permission) {
        return acl.stream().anyMatch(e -> (e.getPerms() & permission) == permission && (isAnyone(e.getId())
                || (e.getId().getScheme().equals("digest") && e.getId().getId().startsWith(user + ":"))));
    }

    static boolean isAnyone(Id id) {
        return Ids.ANYONE_ID_UNSAFE.equals(id);
    }

    /** {@code world:anyone r, digest:mgr:…= cdrwa}; {@code (none)} for an empty list. */
    public static String describe(List<ACL> acl) {
        if (acl == null || acl.isEmpty()) {
            return "(none)";
        }
        return acl.stream().map(e -> e.getId().getScheme() + ":" + e.getId().getId() + " " + letters(e.getPerms()))
                .collect(Collectors.joining(", "));
    }

    private static String letters(int perms) {
        StringBuilder s = new StringBuilder();
        appendIf(s, perms, Perms.CREATE, 'c');
        appendIf(s, perms, Perms.DELETE, 'd');
        appendIf(s, perms, Perms.READ, 'r');
        appendIf(s, perms, Perms.WRITE, 'w');
        appendIf(s, perms, Perms.ADMIN, 'a');
        return s.length() == 0 ? "-" : s.toString();
    }

    private static void appendIf(StringBuilder s, int perms, int perm, char letter) {
        if ((perms & perm) != 0) {
            s.append(letter);
        }
    }
}
