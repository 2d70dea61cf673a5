package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.testsupport.ZooKeeperSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The manager and real circusmeta-nodes with ZooKeeper ACLs on: the manager's identity from its
 * credentials file, each node with an identity of its own, both listed as registrars.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooKeeperAclsIT {
    private static final byte[] HOSTILE = "{\"name\": \"x\", \"endpoint\": \"tcp://10.6.6.6:1\"}"
            .getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(AclKit.overrides());

    private static RealNodes first;
    private static RealNodes second;
    private static CuratorFramework anonymous;
    private static CuratorFramework managers;
    private static CuratorFramework otherNode;

    @BeforeAll
    static void startNodes() {
        anonymous = AclKit.anonymous(MANAGER.zookeeper());
        managers = AclKit.client(MANAGER.zookeeper(), AclKit.MANAGER);
        otherNode = AclKit.client(MANAGER.zookeeper(), AclKit.NODE_2);
        first = new RealNodes(AclKit.settings(MANAGER.zookeeper()).withCredentials(AclKit.NODE_1), "acl-host-1");
        second = new RealNodes(AclKit.settings(MANAGER.zookeeper()).withCredentials(AclKit.NODE_2), "acl-host-2");
        first.start("acl-1", RealNodes.watcher("sleeper", "sleep 4411", 1));
        second.start("acl-2", RealNodes.watcher("sleeper", "sleep 4412", 1));
        MANAGER.awaitAttached(List.of("acl-1", "acl-2"), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopNodes() {
        first.close();
        second.close();
        otherNode.close();
        managers.close();
        anonymous.close();
    }

    @Test
    @Order(1)
    void theManagerAndTheNodesWorkAsBefore() throws Exception {
        ManagerClient api = MANAGER.api();
        Map<String, ObjectNode> results = api.command(new CommandRequest("numwatchers", null, null)).results();
        assertThat(results.get("acl-1").path("numwatchers").asInt()).isEqualTo(1);
        assertThat(results.get("acl-2").path("numwatchers").asInt()).isEqualTo(1);

        Answer<AddedWatcher> placed = api.answer(ApiCall.add(new AddWatcherRequest("placed", "sleep",
                JsonNodeFactory.instance.arrayNode().add("4413"), null, null, null, null, null, null, null)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String node = placed.value().node();
        await().atMost(Duration.ofSeconds(10)).until(() -> Optional.ofNullable(api.node(node).watchers()).map(List::size)
                .orElse(0) == 2);
        assertThat(managers.getACL().forPath(RegistryPaths.watcher("placed"))).containsExactlyInAnyOrder(
                new ACL(Perms.ALL, AclKit.MANAGER.id()), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));

        Answer<RenameAccepted> renamed = api.answer(ApiCall.rename("acl-2", "acl-2b"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(202);
        MANAGER.awaitAttached(List.of("acl-2b"), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> managers.getData().forPath(RegistryPaths.rename("acl-2")).length == 0);
        assertThat(MANAGER.stateOf("acl-2")).isEqualTo("absent");
    }

    @Test
    @Order(2)
    void aClientWithoutCredentialsCannotRegisterNorChangeAnyRecord() throws Exception {
        assertThatThrownBy(() -> anonymous.create().forPath(RegistryPaths.node("x"), HOSTILE))
                .isInstanceOf(KeeperException.NoAuthException.class);
        Map<String, List<ACL>> every = AclKit.everyAcl(managers);
        assertThat(every).containsKeys(RegistryPaths.watcher("placed"), RegistryPaths.rename("acl-2"),
                RegistryPaths.NODES, RegistryPaths.LEADER);
        for (String path : every.keySet()) {
            assertThatThrownBy(() -> anonymous.setData().forPath(path, HOSTILE)).as("setData %s", path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            if (!path.equals("/")) {
                assertThatThrownBy(() -> anonymous.delete().forPath(path)).as("delete %s", path)
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
            if (!isChild(RegistryPaths.NODES, path)) {
                assertThatThrownBy(() -> anonymous.create().forPath(ZKPaths.makePath(path, "evil"), HOSTILE))
                        .as("create under %s", path).isInstanceOf(KeeperException.NoAuthException.class);
            }
        }
    }

    @Test
    @Order(3)
    void aRegistrarWithAnotherNodesIdentityCannotTakeOverItsRecord() throws Exception {
        String path = RegistryPaths.node("acl-1");
        Stat stat = new Stat();
        byte[] before = managers.getData().storingStatIn(stat).forPath(path);

        assertThatThrownBy(() -> otherNode.setData().forPath(path, HOSTILE)).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> otherNode.delete().forPath(path)).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> otherNode.create().forPath(path, HOSTILE)).isInstanceOf(KeeperException.NodeExistsException.class);

        Stat after = new Stat();
        assertThat(managers.getData().storingStatIn(after).forPath(path)).isEqualTo(before);
        assertThat(after.getEphemeralOwner()).isEqualTo(stat.getEphemeralOwner());
        assertThat(MANAGER.stateOf("acl-1")).isEqualTo("attached");
    }

    @Test
    @Order(4)
    void everyAclIsInPlaceAfterTheSessionsExpire() throws Exception {
        Map<String, Set<ACL>> before = comparable(AclKit.everyAcl(managers));
        Map<String, Long> owners = ephemeralOwners();
        assertThat(owners).containsKeys(RegistryPaths.node("acl-1"), RegistryPaths.node("acl-2b")).hasSize(3);

        for (long session : Set.copyOf(owners.values())) {
            ZooKeeperSessions.end(MANAGER.zookeeper(), session);
        }
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Long> now = ephemeralOwners();
            return now.size() == 3 && now.values().stream().noneMatch(owners::containsValue)
                    && MANAGER.stateOf("acl-1").equals("attached") && MANAGER.stateOf("acl-2b").equals("attached");
        });
        assertThat(comparable(AclKit.everyAcl(managers))).isEqualTo(before);
    }

    /** The ephemeral znodes (node records, the leader latch) and their owners. */
    private static Map<String, Long> ephemeralOwners() throws Exception {
        Map<String, Long> owners = new TreeMap<>();
        for (String parent : List.of(RegistryPaths.NODES, RegistryPaths.LEADER)) {
            for (String child : managers.getChildren().forPath(parent)) {
                Stat stat = managers.checkExists().forPath(ZKPaths.makePath(parent, child));
                if (stat != null && stat.getEphemeralOwner() != 0) {
                    owners.put(ZKPaths.makePath(parent, child), stat.getEphemeralOwner());
                }
            }
        }
        return owners;
    }

    /** ACLs as sets, the leader latch's znode under one name (a new session's latch has a new sequence number). */
    private static Map<String, Set<ACL>> comparable(Map<String, List<ACL>> acls) {
        Map<String, Set<ACL>> comparable = new TreeMap<>();
        acls.forEach((path, acl) -> comparable.put(isChild(RegistryPaths.LEADER, path) ? RegistryPaths.LEADER + "/latch"
                : path, new HashSet<>(acl)));
        return comparable;
    }

    private static boolean isChild(String parent, String path) {
        return path.startsWith(parent + "/") && path.indexOf('/', parent.length() + 1) < 0;
    }
}
