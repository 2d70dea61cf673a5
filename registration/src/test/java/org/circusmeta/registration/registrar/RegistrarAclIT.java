package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.registration.acl.AclLists;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.record.RenameRequests;
import org.circusmeta.registration.registrar.RegistrarState.Kind;
import org.circusmeta.registration.registrar.RegistryKit.Znode;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.circusmeta.testsupport.RouterPeer;
import org.circusmeta.testsupport.ZooKeeperSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registrars with ZooKeeper ACLs on, against a real ZooKeeper: the registry prepared as a manager
 * prepares it ({@code /nodes} created by the managers' identity, the two node identities listed as
 * registrars), an observer without credentials.
 */
@Timeout(60)
class RegistrarAclIT {
    private static final ZooKeeperCredentials MANAGER = ZooKeeperCredentials.parse("mgr:manager-secret", "test");
    private static final ZooKeeperCredentials NODE_A = ZooKeeperCredentials.parse("node-a:a-secret", "test");
    private static final ZooKeeperCredentials NODE_B = ZooKeeperCredentials.parse("node-b:b-secret", "test");
    private static final ZooKeeperCredentials UNLISTED = ZooKeeperCredentials.parse("node-c:c-secret", "test");
    private static final ManagerAcls ACLS = new ManagerAcls(RegistryPaths.DEFAULT_NAMESPACE, MANAGER.id(),
            List.of(NODE_A.id(), NODE_B.id()));

    @RegisterExtension
    static final RegistrarFixture REGISTRY = new RegistrarFixture("registrar-acl-it-loop");

    private static CuratorFramework anonymous;
    private static CuratorFramework manager;

    /** Registrars and clients of each identity, closed after the test (registrars first), before the fixture's daemon. */
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private RouterPeer daemon;
    private String name;

    @BeforeAll
    static void prepareTheRegistry() throws Exception {
        anonymous = REGISTRY.observer;
        manager = started(settings(RegistryPaths.DEFAULT_NAMESPACE).withCredentials(MANAGER).newClient(ACLS));
        manager.create().creatingParentsIfNeeded().forPath(RegistryPaths.NODES, ACLS.nodesParentData());
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @BeforeEach
    void setUp(TestInfo info) {
        daemon = REGISTRY.daemon;
        String method = info.getTestMethod().orElseThrow().getName();
        name = method.substring(0, Math.min(63, method.length()));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
    }

    private static ZooKeeperSettings settings(String namespace) {
        return ZooKeeperSettings.of(REGISTRY.connect(), namespace, RegistryKit.SESSION);
    }

    private static CuratorFramework started(CuratorFramework client) {
        client.start();
        assertThat(ZooKeeperClients.awaitConnected(client, Duration.ofSeconds(10))).isTrue();
        return client;
    }

    private CuratorFramework clientOf(ZooKeeperCredentials identity, String namespace) {
        CuratorFramework client = started(settings(namespace).withCredentials(identity).newClient());
        closeLast.add(client);
        return client;
    }

    /** A registrar as the agent and the node run one with --zookeeper-auth-file: its client and its record sessions. */
    private Registrar registrar(ZooKeeperCredentials identity, String node, String namespace) {
        CuratorFramework client = clientOf(identity, namespace);
        RecordSessions sessions = new RecordSessions(settings(namespace).withCredentials(identity));
        closeLast.add(sessions);
        Registrar registrar = new Registrar(client, REGISTRY.loop, RegistryKit.options(node, daemon.endpoint(), "h")
                .withUnhealthyAfter(Duration.ofMillis(1_000)).withRecordSessions(sessions));
        closeLast.add(registrar);
        registrar.start();
        return registrar;
    }

    private Registrar registered(ZooKeeperCredentials identity, String node) {
        Registrar registrar = registrar(identity, node, RegistryPaths.DEFAULT_NAMESPACE);
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(10))).as("%s", registrar.state()).isTrue();
        return registrar;
    }

    /** Read by the managers' identity: to others ZooKeeper shows digest ids as {@code user:x}. */
    private static List<ACL> aclOf(String path) throws Exception {
        return manager.getACL().forPath(path);
    }

    private static List<ACL> recordAcl(ZooKeeperCredentials registrar) {
        return List.of(new ACL(Perms.READ | Perms.WRITE, registrar.id()), new ACL(Perms.ALL, MANAGER.id()),
                new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));
    }

    private static Optional<Znode> znode(String node) {
        return RegistryKit.read(anonymous, RegistryPaths.node(node));
    }

    @Test
    void theRecordLetsOnlyItsRegistrarAndTheManagersWriteIt() throws Exception {
        registered(NODE_A, name);
        String path = RegistryPaths.node(name);
        assertThat(AclLists.sameEntries(aclOf(path), recordAcl(NODE_A))).as(AclLists.describe(aclOf(path))).isTrue();

        assertThatThrownBy(() -> anonymous.create().forPath(RegistryPaths.node("x"), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> anonymous.setData().forPath(path, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> anonymous.delete().forPath(path)).isInstanceOf(KeeperException.NoAuthException.class);

        long owner = znode(name).orElseThrow().owner();
        manager.delete().forPath(path);
        await().atMost(Duration.ofSeconds(5)).until(() -> znode(name).isPresent());
        assertThat(znode(name).orElseThrow().owner()).as("re-created by the same record session").isEqualTo(owner);
        assertThat(AclLists.sameEntries(aclOf(path), recordAcl(NODE_A))).isTrue();
    }

    @Test
    void anotherNodesIdentityCannotTakeOverTheRecord() throws Exception {
        registered(NODE_A, name);
        String path = RegistryPaths.node(name);
        Znode before = znode(name).orElseThrow();
        CuratorFramework other = clientOf(NODE_B, RegistryPaths.DEFAULT_NAMESPACE);
        byte[] impostor = RegistryKit.record(name, "tcp://10.6.6.6:5555", "impostor").toBytes();

        assertThatThrownBy(() -> other.setData().forPath(path, impostor)).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> other.delete().forPath(path)).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> other.create().forPath(path, impostor)).isInstanceOf(KeeperException.NodeExistsException.class);

        Registrar rival = registrar(NODE_B, name, RegistryPaths.DEFAULT_NAMESPACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> rival.state().kind() == Kind.NAME_TAKEN);
        Znode after = znode(name).orElseThrow();
        assertThat(after.text()).isEqualTo(before.text());
        assertThat(after.owner()).isEqualTo(before.owner());
    }

    @Test
    void endsItsRecordSessionWhenTheDaemonFallsSilentAndRegistersAgainWhenItAnswers() throws Exception {
        Registrar registrar = registered(NODE_A, name);
        long firstSession = znode(name).orElseThrow().owner();

        daemon.silence();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> znode(name).isEmpty());
        await().atMost(Duration.ofSeconds(2)).until(() -> registrar.state().kind() == Kind.WAITING_FOR_DAEMON);

        daemon.speak();
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(5))).as("%s", registrar.state()).isTrue();
        assertThat(znode(name).orElseThrow().owner()).as("a new record session").isNotEqualTo(firstSession);
        assertThat(AclLists.sameEntries(aclOf(RegistryPaths.node(name)), recordAcl(NODE_A))).isTrue();
    }

    @Test
    void everyAclIsInPlaceAfterASessionExpiry() throws Exception {
        Registrar registrar = registered(NODE_A, name);
        String path = RegistryPaths.node(name);
        Znode before = znode(name).orElseThrow();

        ZooKeeperSessions.end(REGISTRY.connect(), before.owner());
        await().atMost(RegistryKit.SESSION.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> znode(name).map(z -> z.owner() != before.owner()).orElse(false));
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(2))).isTrue();
        assertThat(znode(name).orElseThrow().text()).isEqualTo(before.text());
        assertThat(AclLists.sameEntries(aclOf(path), recordAcl(NODE_A))).as(AclLists.describe(aclOf(path))).isTrue();
        assertThat(AclLists.sameEntries(aclOf(RegistryPaths.NODES), ACLS.getAclForPath("/circusmeta/nodes"))).isTrue();
    }

    @Test
    void anUnlistedIdentityIsNotPermittedAndIsToldWhatToDo() {
        Registrar registrar = registrar(UNLISTED, name, RegistryPaths.DEFAULT_NAMESPACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> registrar.state().kind() == Kind.NOT_PERMITTED);
        assertThat(registrar.state().message()).contains(UNLISTED.digestId()).contains("zookeeper.auth.registrars");
        assertThat(znode(name)).isEmpty();
    }

    @Test
    void waitsForAManagerToCreateNodes() throws Exception {
        String namespace = "fresh-" + name.length();
        Registrar registrar = registrar(NODE_A, name, namespace);
        await().atMost(Duration.ofSeconds(5)).until(() -> registrar.state().kind() == Kind.NOT_PERMITTED);
        assertThat(registrar.state().message()).contains("/nodes does not exist yet").contains("manager");

        try (CuratorFramework freshManager = started(settings(namespace).withCredentials(MANAGER)
                .newClient(new ManagerAcls(namespace, MANAGER.id(), List.of(NODE_A.id()))))) {
            freshManager.create().creatingParentsIfNeeded().forPath(RegistryPaths.NODES, ACLS.nodesParentData());
            assertThat(registrar.awaitRegistered(Duration.ofSeconds(5))).as("%s", registrar.state()).isTrue();
        }
    }

    @Test
    void aFollowedRenameIsEmptiedAndOnlyTheManagersAndTheNodeMayChangeIt() throws Exception {
        Registrar registrar = registered(NODE_A, "ren-a");
        RenameRequests renames = new RenameRequests(manager, Optional.of(ACLS));
        renames.request("ren-a", "ren-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> registrar.awaitRegistered(Duration.ZERO)
                && registrar.currentName().equals("ren-b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> RegistryKit.read(anonymous, RegistryPaths.rename("ren-a"))
                .map(z -> z.data().length == 0).orElse(false));
        assertThat(znode("ren-a")).isEmpty();

        String request = RegistryPaths.rename("ren-a");
        byte[] hostile = "{\"name\": \"hijacked\"}".getBytes(StandardCharsets.UTF_8);
        CuratorFramework other = clientOf(NODE_B, RegistryPaths.DEFAULT_NAMESPACE);
        for (CuratorFramework stranger : List.of(anonymous, other)) {
            assertThatThrownBy(() -> stranger.setData().forPath(request, hostile)).isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.delete().forPath(request)).isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.create().forPath(RegistryPaths.rename("ren-b"), hostile))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }

        renames.request("ren-b", "ren-c");
        await().atMost(Duration.ofSeconds(10)).until(() -> registrar.awaitRegistered(Duration.ZERO)
                && registrar.currentName().equals("ren-c"));
        assertThat(znode("ren-c")).isPresent();
    }
}
