package org.circusmeta.registration.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.Test;

/** The ACL model, one rule per test: what each znode gets, and how the lists are read. */
class RegistryAclsTest {
    private static final Id MANAGER = new Id("digest", "mgr:mmmmmmmmmmmmmmmmmmmmmmmmmmm=");
    private static final Id WEB = new Id("digest", "web-01:wwwwwwwwwwwwwwwwwwwwwwwwwww=");
    private static final Id WORKER = new Id("digest", "worker-01:kkkkkkkkkkkkkkkkkkkkkkkkkkk=");
    private static final ACL ANYONE_READS = new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE);
    private static final ManagerAcls ACLS = new ManagerAcls("circusmeta", MANAGER, List.of(WEB, WORKER));

    @Test
    void managersOwnEveryZnodeAndAnyoneReads() {
        List<ACL> owned = List.of(new ACL(Perms.ALL, MANAGER), ANYONE_READS);
        for (String path : List.of("/circusmeta", "/circusmeta/watchers", "/circusmeta/watchers/web",
                "/circusmeta/leader/_c_x-latch-0000000001", "/circusmeta/renames", "/circusmeta/eligibility/web-01")) {
            assertThat(ACLS.getAclForPath(path)).as(path).containsExactlyElementsOf(owned);
        }
        assertThat(ACLS.getDefaultAcl()).containsExactlyElementsOf(owned);
    }

    @Test
    void theListedRegistrarsMayCreateRecordsUnderNodes() {
        assertThat(ACLS.getAclForPath("/circusmeta/nodes")).containsExactly(new ACL(Perms.ALL, MANAGER),
                new ACL(Perms.CREATE | Perms.READ, WEB), new ACL(Perms.CREATE | Perms.READ, WORKER), ANYONE_READS);
    }

    @Test
    void aRecordLetsItsRegistrarAndTheLearnedManagersWriteIt() {
        RecordAcls record = new RecordAcls("circusmeta", WEB);
        assertThat(record.getAclForPath("/circusmeta/nodes/web-01"))
                .containsExactly(new ACL(Perms.READ | Perms.WRITE, WEB), ANYONE_READS);
        record.learnManagers(ManagerAcls.managersIn(ACLS.nodesParentData()));
        assertThat(record.getAclForPath("/circusmeta/nodes/web-01"))
                .containsExactly(new ACL(Perms.READ | Perms.WRITE, WEB), new ACL(Perms.ALL, MANAGER), ANYONE_READS);
        assertThat(record.getAclForPath("/circusmeta")).isEqualTo(Ids.OPEN_ACL_UNSAFE);
    }

    @Test
    void aRenameRequestLetsTheRecordsWritersWriteIt() {
        List<ACL> record = List.of(new ACL(Perms.READ | Perms.WRITE, WEB), new ACL(Perms.ALL, MANAGER), ANYONE_READS);
        assertThat(ACLS.renameRequest(record)).containsExactly(new ACL(Perms.ALL, MANAGER),
                new ACL(Perms.READ | Perms.WRITE, WEB), ANYONE_READS);
        assertThat(ACLS.renameRequest(Ids.OPEN_ACL_UNSAFE)).as("a record anyone may write").containsExactly(
                new ACL(Perms.ALL, MANAGER), new ACL(Perms.READ | Perms.WRITE, Ids.ANYONE_ID_UNSAFE));
        assertThat(ACLS.renameRequest(List.of())).containsExactly(new ACL(Perms.ALL, MANAGER), ANYONE_READS);
    }

    @Test
    void readsTheManagersFromTheDataOfNodesAndNothingFromOtherData() {
        assertThat(ManagerAcls.managersIn(ACLS.nodesParentData())).containsExactly(MANAGER);
        assertThat(ManagerAcls.managersIn("10.0.0.5".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        assertThat(ManagerAcls.managersIn(new byte[0])).isEmpty();
        assertThat(ManagerAcls.managersIn("{\"managers\": [\"not-an-id\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void readsAclListsAsZooKeeperShowsThem() {
        List<ACL> redacted = List.of(new ACL(Perms.CREATE | Perms.READ, new Id("digest", "web-01:x")), ANYONE_READS);
        assertThat(AclLists.allowsDigestUser(redacted, "web-01", Perms.CREATE)).isTrue();
        assertThat(AclLists.allowsDigestUser(redacted, "web-0", Perms.CREATE)).isFalse();
        assertThat(AclLists.allowsDigestUser(Ids.OPEN_ACL_UNSAFE, "anyone-at-all", Perms.CREATE)).isTrue();
        assertThat(AclLists.isOpen(Ids.OPEN_ACL_UNSAFE)).isTrue();
        assertThat(AclLists.isOpen(redacted)).isFalse();
        assertThat(AclLists.sameEntries(List.of(ANYONE_READS, new ACL(Perms.ALL, MANAGER)),
                List.of(new ACL(Perms.ALL, MANAGER), ANYONE_READS))).isTrue();
        assertThat(AclLists.describe(redacted)).isEqualTo("digest:web-01:x cr, world:anyone r");
        assertThat(AclLists.describe(List.of(new ACL(Perms.ALL, MANAGER)))).endsWith(" cdrwa");
    }
}
