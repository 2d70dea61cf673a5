package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.manager.zookeeper.NamespaceAcls;
import org.circusmeta.manager.zookeeper.NamespaceRefusedException;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A manager with ZooKeeper ACLs on, started on a namespace used before they were on: it tightens
 * the ACLs of the znodes the managers own and says so; on a namespace whose znodes belong to another
 * identity, it refuses to start and says why.
 */
@Timeout(90)
class OpenNamespaceIT {
    private static final byte[] RECORD = "{\"name\": \"legacy\", \"endpoint\": \"tcp://127.0.0.1:9\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static TestingServer zookeeper;

    private final List<ILoggingEvent> logged = new ArrayList<>();

    @BeforeAll
    static void startZooKeeper() {
        zookeeper = TestingServers.started();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    @Test
    void tightensTheAclsTheManagersOwnAndSaysWhich() throws Exception {
        try (CuratorFramework anonymous = AclKit.anonymous(zookeeper.getConnectString());
             CuratorFramework legacyRegistrar = AclKit.anonymous(zookeeper.getConnectString());
             CuratorFramework managers = AclKit.client(zookeeper.getConnectString(), AclKit.MANAGER)) {
            for (String path : List.of(RegistryPaths.NODES, RegistryPaths.LEADER, RegistryPaths.watcher("old"),
                    RegistryPaths.rename("ghost"))) {
                anonymous.create().creatingParentsIfNeeded().forPath(path, "{}".getBytes(StandardCharsets.UTF_8));
            }
            legacyRegistrar.create().withMode(CreateMode.EPHEMERAL).forPath(RegistryPaths.node("legacy"), RECORD);
            assertThat(managers.getACL().forPath(RegistryPaths.watcher("old"))).isEqualTo(Ids.OPEN_ACL_UNSAFE);

            DropwizardTestSupport<ManagerConfiguration> manager = manager();
            try {
                manager.before();
                ManagerAcls acls = new ManagerAcls(RegistryPaths.DEFAULT_NAMESPACE, AclKit.MANAGER.id(),
                        List.of(AclKit.NODE_1.id(), AclKit.NODE_2.id()));
                for (Map.Entry<String, List<ACL>> znode : AclKit.everyAcl(managers).entrySet()) {
                    String path = znode.getKey();
                    List<ACL> expected = path.equals(RegistryPaths.node("legacy")) ? Ids.OPEN_ACL_UNSAFE
                            : path.equals(RegistryPaths.rename("ghost")) ? acls.renameRequest(List.of())
                            : acls.getAclForPath("/circusmeta" + (path.equals("/") ? "" : path));
                    assertThat(znode.getValue()).as(path).containsExactlyInAnyOrderElementsOf(expected);
                }
                assertThat(ManagerAcls.managersIn(managers.getData().forPath(RegistryPaths.NODES)))
                        .containsExactly(AclKit.MANAGER.id());
                assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("ZooKeeper ACLs: tightened 7 znode(s)"
                        + " that anyone could change (the namespace was used before ZooKeeper ACLs were on): /circusmeta"
                        + " (was world:anyone cdrwa, now digest:" + AclKit.MANAGER.digestId() + " cdrwa, world:anyone r)")
                        .contains("/circusmeta/watchers/old", "/circusmeta/renames/ghost", "/circusmeta/nodes ")
                        .endsWith("Only the managers (digest " + AclKit.MANAGER.digestId() + ") may change them now;"
                                + " anyone may still read them"));
                assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("ZooKeeper ACLs: the records of"
                        + " node(s) legacy may be changed by anyone: their registrars run without --zookeeper-auth-file"));

                // /nodes made by a registrar before ACLs were on is a container, which ZooKeeper deletes once
                // it is empty; no registrar may create it now: the manager does, at once.
                legacyRegistrar.close();
                managers.delete().forPath(RegistryPaths.NODES);
                await().atMost(Duration.ofSeconds(5)).until(() -> managers.checkExists().forPath(RegistryPaths.NODES) != null);
                assertThat(managers.getACL().forPath(RegistryPaths.NODES))
                        .containsExactlyInAnyOrderElementsOf(acls.getAclForPath("/circusmeta/nodes"));
            } finally {
                manager.after();
            }
        }
    }

    @Test
    void refusesToStartOnANamespaceItCannotProtect() throws Exception {
        ZooKeeperCredentials other = ZooKeeperCredentials.parse("other:other-secret", "test");
        try (CuratorFramework stranger = AclKit.client(zookeeper.getConnectString(), other)) {
            stranger.usingNamespace(null).create().creatingParentsIfNeeded()
                    .withACL(List.of(new ACL(Perms.ALL, other.id()), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE)))
                    .forPath("/foreign/watchers");
            DropwizardTestSupport<ManagerConfiguration> manager = manager(
                    ConfigOverride.config("zookeeper.namespace", "foreign"));
            try {
                assertThatThrownBy(manager::before).isInstanceOf(NamespaceRefusedException.class).hasMessage("ZooKeeper ACLs: this manager (identity"
                        + " digest " + AclKit.MANAGER.digestId() + ") cannot protect the namespace /foreign: it may not"
                        + " change the ACL of /foreign/watchers (digest:other:x cdrwa, world:anyone r). They belong to"
                        + " another ZooKeeper identity: give the managers that identity (zookeeper.auth.file), or have"
                        + " it (or a ZooKeeper super user) set their ACLs or delete them. The manager does not run on a"
                        + " registry it cannot protect");
            } finally {
                manager.after();
            }
        }
    }

    private DropwizardTestSupport<ManagerConfiguration> manager(ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(Arrays.asList(AclKit.overrides()));
        overrides.addAll(List.of(extra));
        DropwizardTestSupport<ManagerConfiguration> manager = ManagerApps.replica(zookeeper.getConnectString(),
                overrides.toArray(ConfigOverride[]::new));
        manager.addListener(new DropwizardTestSupport.ServiceListener<>() {
            @Override
            public void onRun(ManagerConfiguration configuration, Environment environment,
                    DropwizardTestSupport<ManagerConfiguration> rule) {
                ListAppender<ILoggingEvent> appender = new ListAppender<>() {
                    @Override
                    protected void append(ILoggingEvent event) {
                        synchronized (logged) {
                            logged.add(event);
                        }
                    }
                };
                appender.start();
                ((Logger) LoggerFactory.getLogger(NamespaceAcls.class)).addAppender(appender);
            }
        });
        return manager;
    }

    private List<String> messages() {
        synchronized (logged) {
            return logged.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
