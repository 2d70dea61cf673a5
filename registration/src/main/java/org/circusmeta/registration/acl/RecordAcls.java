package org.circusmeta.registration.acl;

import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.circusmeta.registration.record.RegistryPaths;

/**
 * The ACLs a registrar's record session gives the znodes it creates, with ZooKeeper ACLs on (Curator's
 * {@link ACLProvider}): a node record {@code /nodes/NAME} may be written by the registrar's own
 * identity and by the managers, and read by anyone. The managers publish their identities in the
 * data of {@code /nodes}, which only a manager creates and writes ({@link ManagerAcls#managersIn}):
 * {@link #learnManagers} takes them before the record is created, and Curator's {@code PersistentNode},
 * re-creating the record after a session expiry, gets the same ACL again. Anything else such a client creates (the
 * namespace's znode, when a registrar reaches an empty ensemble before any manager) gets ZooKeeper's
 * default ACL, open to anyone, until a manager secures it when it starts.
 *
 * <p>Thread-safe: the managers are published through a volatile field.
 */
public final class RecordAcls implements ACLProvider {
    private final String nodesPrefix;
    private final Id registrar;
    private volatile List<ACL> record;

    /**
     * @param namespace the registry's namespace, without a slash
     * @param registrar the identity of this registrar
     */
    public RecordAcls(String namespace, Id registrar) {
        this.nodesPrefix = "/" + namespace + RegistryPaths.NODES + "/";
        this.registrar = registrar;
        this.record = recordAcl(List.of());
    }

    /** Learns the managers; records created from now on let them write (and administer) them. */
    public void learnManagers(List<Id> managers) {
        record = recordAcl(managers);
    }

    /** The ACL a node record gets now. */
    public List<ACL> recordAcl() {
        return record;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        boolean isRecord = path.startsWith(nodesPrefix) && path.indexOf('/', nodesPrefix.length()) < 0;
        return isRecord ? record : Ids.OPEN_ACL_UNSAFE;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return Ids.OPEN_ACL_UNSAFE;
    }

    private List<ACL> recordAcl(List<Id> managers) {
        return AclLists.builder().grant(registrar, Perms.READ | Perms.WRITE).grant(managers, Perms.ALL)
                .grant(Ids.ANYONE_ID_UNSAFE, Perms.READ).build();
    }
}
