package org.circusmeta.registration.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;

/**
 * The ACLs a manager's client gives every znode it creates, with ZooKeeper ACLs on (Curator's {@link
 * ACLProvider}, so that no call sets them by hand): the managers' identity may do anything, anyone
 * may read; {@code /nodes} also lets the registrars' identities listed in the managers' configuration
 * create node records under it. That covers the namespace's own znode and its parents, {@code
 * /watchers}, {@code /renames}, {@code /leader} and the LeaderLatch's znodes, {@code /eligibility},
 * and whatever else a manager creates. A rename request is the one znode whose ACL depends on what
 * is in ZooKeeper: {@link #renameRequest} gives it.
 *
 * <p>Registrars must let the managers write their records, yet ZooKeeper shows the digest ids of an
 * ACL only to those who may administer the znode: so the managers publish theirs as the data of
 * {@code /nodes} ({@link #nodesParentData()}, which only managers may write), and registrars read
 * them there ({@link #managersIn}).
 *
 * <p>What ZooKeeper checks: a create and a delete against the parent's ACL, a write and an ACL change
 * against the znode's own. So only a manager may delete a node record (no registrar may delete under
 * {@code /nodes}: it would delete another node's record as well), and the registrars remove theirs by
 * ending the session that holds it.
 *
 * <p>Immutable.
 */
public final class ManagerAcls implements ACLProvider {
    private static final String MANAGERS = "managers";
    private final String root;
    private final List<Id> managers;
    private final List<ACL> owned;
    private final List<ACL> nodesParent;

    /**
     * @param namespace the registry's namespace, without a slash
     * @param manager the identity every manager replica authenticates as
     * @param registrars the identities that may register nodes
     */
    public ManagerAcls(String namespace, Id manager, Collection<Id> registrars) {
        this.root = "/" + namespace;
        this.managers = List.of(manager);
        this.owned = AclLists.builder().grant(managers, Perms.ALL).grant(Ids.ANYONE_ID_UNSAFE, Perms.READ).build();
        this.nodesParent = AclLists.builder().grant(managers, Perms.ALL).grant(registrars, Perms.CREATE | Perms.READ)
                .grant(Ids.ANYONE_ID_UNSAFE, Perms.READ).build();
    }

    /** The full path of the namespace's znode, {@code /circusmeta}. */
    public String root() {
        return root;
    }

    public List<Id> managers() {
        return managers;
    }

    /** Whether the list gives the managers every permission. */
    public boolean letsTheManagersDoAnything(List<ACL> acl) {
        return managers.stream().allMatch(manager -> acl.contains(new ACL(Perms.ALL, manager)));
    }

    /** The data of {@code /nodes}: {@code {"managers": ["user:base64(sha1)", ...]}}. */
    public byte[] nodesParentData() {
        ObjectNode json = CircusJson.object();
        ArrayNode ids = json.putArray(MANAGERS);
        managers.forEach(id -> ids.add(id.getId()));
        return CircusJson.write(json);
    }

    /** The managers' digest ids in the data of {@code /nodes}; none when it holds no such list. */
    public static List<Id> managersIn(byte[] nodesParentData) {
        try {
            JsonNode ids = CircusJson.readObject(nodesParentData == null ? new byte[0] : nodesParentData).path(MANAGERS);
            List<Id> managers = new ArrayList<>();
            ids.forEach(id -> {
                if (ZooKeeperCredentials.isDigestId(id.asText())) {
                    managers.add(new Id(ZooKeeperCredentials.DIGEST, id.asText()));
                }
            });
            return List.copyOf(managers);
        } catch (MalformedMessageException e) {
            return List.of();
        }
    }

    /** @param path a full path, the namespace included, as Curator asks */
    @Override
    public List<ACL> getAclForPath(String path) {
        return path.equals(root + RegistryPaths.NODES) ? nodesParent : owned;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return owned;
    }

    /**
     * The ACL of {@code /renames/NAME}: the managers may do anything, and whoever may write the node's
     * record ({@code recordAcl}, the ACL of {@code /nodes/NAME}) may write the request, so that the
     * node's registrar can clear it once followed (it may not delete it: only managers delete under
     * {@code /renames}). A record that anyone may write (its registrar runs without credentials) makes
     * a request that anyone may write: no less protected than the record itself.
     */
    public List<ACL> renameRequest(List<ACL> recordAcl) {
        AclLists.Builder acl = AclLists.builder().grant(managers, Perms.ALL);
        recordAcl.stream().filter(e -> (e.getPerms() & Perms.WRITE) != 0 && !managers.contains(e.getId()))
                .forEach(e -> acl.grant(e.getId(), Perms.READ | Perms.WRITE));
        return acl.grant(Ids.ANYONE_ID_UNSAFE, Perms.READ).build();
    }
}
