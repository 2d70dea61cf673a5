package org.circusmeta.manager.zookeeper;

import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.registration.acl.AclLists;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one pass of {@link NamespaceAcls} found, told to an operator: ACLs tightened (anyone could
 * change those znodes) or brought in line, znodes whose ACL the managers may not change, node records
 * that anyone may change.
 *
 * <p>Confined to the pass.
 */
final class Findings {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceAcls.class);
    private static final int LISTED = 10;

    private final String root;
    private final ZooKeeperCredentials identity;
    private final List<String> tightened = new ArrayList<>();
    private final List<String> updated = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> openRecords = new ArrayList<>();

    Findings(String root, ZooKeeperCredentials identity) {
        this.root = root;
        this.identity = identity;
    }

    void changed(String path, List<ACL> before, List<ACL> after) {
        (AclLists.isOpen(before) ? tightened : updated).add(full(path) + " (was " + AclLists.describe(before)
                + ", now " + AclLists.describe(after) + ")");
    }

    void refused(String path, List<ACL> acl) {
        refused.add(full(path) + " (" + (acl.isEmpty() ? "not even readable" : AclLists.describe(acl)) + ")");
    }

    void openRecord(String node) {
        openRecords.add(node);
    }

    void log() {
        if (!tightened.isEmpty()) {
            LOG.warn("ZooKeeper ACLs: tightened {} znode(s) that anyone could change (the namespace was used before"
                    + " ZooKeeper ACLs were on): {}. Only the managers (digest {}) may change them now; anyone may"
                    + " still read them", tightened.size(), listed(tightened), identity.digestId());
        }
        if (!updated.isEmpty()) {
            LOG.info("ZooKeeper ACLs: set the ACL zookeeper.auth gives on {}", listed(updated));
        }
        if (!openRecords.isEmpty()) {
            LOG.warn("ZooKeeper ACLs: the records of node(s) {} may be changed by anyone: their registrars run without"
                    + " --zookeeper-auth-file. They keep them until their ZooKeeper sessions end, and cannot register"
                    + " again without credentials", listed(openRecords));
        }
    }

    void throwIfRefused() {
        if (refused.isEmpty()) {
            return;
        }
        throw new NamespaceRefusedException("ZooKeeper ACLs: this manager (identity digest " + identity.digestId()
                + ") cannot protect the namespace " + root + ": it may not change the ACL of " + listed(refused)
                + ". They belong to another ZooKeeper identity: give the managers that identity (zookeeper.auth.file),"
                + " or have it (or a ZooKeeper super user) set their ACLs or delete them. The manager does not run on"
                + " a registry it cannot protect");
    }

    private String full(String path) {
        return path.equals("/") ? root : root + path;
    }

    private static String listed(List<String> items) {
        return items.size() <= LISTED ? String.join(", ", items)
                : String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }
}
