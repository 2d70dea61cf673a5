package org.circusmeta.registration.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RenameRequestsIT {
    private static final ZooKeeperCredentials MANAGER = ZooKeeperCredentials.parse("mgr:secret", "test");
    private static TestingServer server;
    private static CuratorFramework client;

    @BeforeAll
    static void start() throws Exception {
        server = new TestingServer(true);
        client = started(ZooKeeperSettings.of(server.getConnectString(), "renames-it", Duration.ofSeconds(10)));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static CuratorFramework started(ZooKeeperSettings settings) {
        return started(settings.newClient());
    }

    private static CuratorFramework started(CuratorFramework c) {
        c.start();
        assertThat(ZooKeeperClients.awaitConnected(c, Duration.ofSeconds(10))).isTrue();
        return c;
    }

    /**
     * A registrar clears each request as soon as it sees it, while requests keep being written: a
     * create meets the previous request, and the overwrite that follows finds it cleared meanwhile.
     * Every request must be written all the same.
     */
    @Test
    void aRequestWrittenWhileThePreviousOneIsClearedIsWritten() throws Exception {
        RenameRequests renames = new RenameRequests(client, Optional.empty());
        String path = RegistryPaths.rename("racing");
        AtomicInteger cleared = new AtomicInteger();
        try (CuratorFramework registrar = started(ZooKeeperSettings.of(server.getConnectString(), "renames-it",
                Duration.ofSeconds(10)));
             CuratorCache requests = CuratorCache.build(registrar, path, CuratorCache.Options.SINGLE_NODE_CACHE)) {
            requests.listenable().addListener(CuratorCacheListener.builder().forCreatesAndChanges((before, after) -> {
                try {
                    registrar.delete().inBackground((c, event) -> {
                        if (event.getResultCode() == 0) {
                            cleared.incrementAndGet();
                        }
                    }).forPath(path);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).build());
            requests.start();
            for (int i = 0; i < 300; i++) {
                renames.request("racing", "new-" + i);
            }
        }
        assertThat(cleared.get()).as("requests cleared").isGreaterThan(10);
    }

    @Test
    void withAclsARequestLetsTheRecordsWritersWriteIt() throws Exception {
        ZooKeeperCredentials node = ZooKeeperCredentials.parse("node-r:pw", "test");
        ManagerAcls acls = new ManagerAcls("renames-acl-it", MANAGER.id(), List.of(node.id()));
        ZooKeeperSettings settings = ZooKeeperSettings.of(server.getConnectString(), "renames-acl-it", Duration.ofSeconds(10));
        try (CuratorFramework manager = started(settings.withCredentials(MANAGER).newClient(acls))) {
            RenameRequests renames = new RenameRequests(manager, Optional.of(acls));
            assertThatThrownBy(() -> renames.request("absent", "other")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("node absent is not registered");

            manager.create().creatingParentsIfNeeded()
                    .withACL(List.of(new ACL(Perms.READ | Perms.WRITE, node.id()), new ACL(Perms.ALL, MANAGER.id())))
                    .forPath(RegistryPaths.node("present"), "{}".getBytes(StandardCharsets.UTF_8));
            renames.request("present", "renamed");
            assertThat(manager.getACL().forPath(RegistryPaths.rename("present")))
                    .containsExactlyInAnyOrderElementsOf(acls.renameRequest(manager.getACL().forPath(RegistryPaths.node("present"))));
            try (CuratorFramework registrar = started(settings.withCredentials(node));
                 CuratorFramework anonymous = started(settings)) {
                registrar.setData().forPath(RegistryPaths.rename("present"), new byte[0]);
                assertThatThrownBy(() -> anonymous.setData().forPath(RegistryPaths.rename("present"), new byte[0]))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> registrar.delete().forPath(RegistryPaths.rename("present")))
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
            renames.request("present", "again");
            assertThat(new String(manager.getData().forPath(RegistryPaths.rename("present")), StandardCharsets.UTF_8))
                    .isEqualTo("{\"name\": \"again\"}");
        }
    }
}
