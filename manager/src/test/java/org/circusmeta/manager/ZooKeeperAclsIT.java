package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
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
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString(),
            AclKit.overrides());

    private static RealNodes first;
    private static RealNodes second;
    private static CuratorFramework anonymous;
    private static CuratorFramework managers;
    private static CuratorFramework otherNode;

    @BeforeAll
    static void startNodes() {
        anonymous = AclKit.anonymous(ZK.connectString());
        managers = AclKit.client(ZK.connectString(), AclKit.MANAGER);
        otherNode = AclKit.client(ZK.connectString(), AclKit.NODE_2);
        first = new RealNodes(AclKit.settings(ZK.connectString()).withCredentials(AclKit.NODE_1), "acl-host-1");
        second = new RealNodes(AclKit.settings(ZK.connectString()).withCredentials(AclKit.NODE_2), "acl-host-2");
        first.start("acl-1", RealNodes.watcher("sleeper", "sleep 4411", 1));
        second.start("acl-2", RealNodes.watcher("sleeper", "sleep 4412", 1));
        Http api = ManagerApps.api(APP);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.stateOf("acl-1").equals("attached")
                && api.stateOf("acl-2").equals("attached"));
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
        Http api = ManagerApps.api(APP);
        JsonNode results = api.post("/api/command", "{\"command\": \"numwatchers\"}").json().path("results");
        assertThat(results.path("acl-1").path("numwatchers").asInt()).isEqualTo(1);
        assertThat(results.path("acl-2").path("numwatchers").asInt()).isEqualTo(1);

        Http.Response placed = api.post("/api/watchers", "{\"name\": \"placed\", \"cmd\": \"sleep\", \"args\": [\"4413\"]}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String node = placed.json().path("node").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/nodes/" + node).json().path("watchers").size() == 2);
        assertThat(managers.getACL().forPath(RegistryPaths.watcher("placed"))).containsExactlyInAnyOrder(
                new ACL(Perms.ALL, AclKit.MANAGER.id()), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));

        Http.Response renamed = api.post("/api/nodes/acl-2/rename", "{\"name\": \"acl-2b\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.stateOf("acl-2b").equals("attached"));
        await().atMost(Duration.ofSeconds(5)).until(() -> managers.getData().forPath(RegistryPaths.rename("acl-2")).length == 0);
        assertThat(api.stateOf("acl-2")).isEqualTo("absent");
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
        assertThat(ManagerApps.api(APP).stateOf("acl-1")).isEqualTo("attached");
    }

    @Test
    @Order(4)
    void everyAclIsInPlaceAfterTheSessionsExpire() throws Exception {
        Map<String, Set<ACL>> before = comparable(AclKit.everyAcl(managers));
        Map<String, Long> owners = ephemeralOwners();
        assertThat(owners).containsKeys(RegistryPaths.node("acl-1"), RegistryPaths.node("acl-2b")).hasSize(3);

        for (long session : Set.copyOf(owners.values())) {
            ZooKeeperSessions.end(ZK.connectString(), session);
        }
        Http api = ManagerApps.api(APP);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Long> now = ephemeralOwners();
            return now.size() == 3 && now.values().stream().noneMatch(owners::containsValue)
                    && api.stateOf("acl-1").equals("attached") && api.stateOf("acl-2b").equals("attached");
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
