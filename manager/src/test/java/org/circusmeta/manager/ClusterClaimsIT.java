package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.sleeper;
import static org.circusmeta.manager.ManagerExtension.refusal;
import static org.circusmeta.manager.ManagerExtension.statusOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.registration.record.RegistryPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim of a cluster watcher's name under {@code /watchers} against the real
 * manager, ZooKeeper and one node: a name held by an unreadable record, and a node that leaves the
 * registry while its {@code add} is in flight. The node answers everything but {@code add}, which it
 * keeps unanswered.
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterClaimsIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static FakeNode node;
    private static CuratorFramework curator;
    private static ManagerClient api;

    @BeforeAll
    static void startNode() {
        FakeCircusd circusd = new FakeCircusd();
        node = MANAGER.fakeNode("claims-1", circusd);
        node.peer().handler(request -> request.path("command").asText().equals("add") ? Optional.empty()
                : circusd.apply(request));
        node.register();
        curator = MANAGER.curator();
        api = MANAGER.api();
        MANAGER.awaitAttached(List.of("claims-1"), Duration.ofSeconds(10));
    }


    @Test
    @Order(1)
    void aNameHeldByAnUnreadableRecordAnswers409SayingHowToFreeIt() throws Exception {
        curator.create().creatingParentsIfNeeded().forPath(RegistryPaths.watcher("garbled"),
                "not a record".getBytes(StandardCharsets.UTF_8));

        ManagerRefused refused = refusal(() -> api.add(sleeper("garbled", Map.of("zone", "test"))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.reason()).contains("/watchers/garbled").contains("DELETE /api/watchers/garbled");
        assertThat(new String(curator.getData().forPath(RegistryPaths.watcher("garbled")), StandardCharsets.UTF_8))
                .isEqualTo("not a record");
        assertThat(node.peer().received()).noneMatch(r -> r.command().equals("add"));

        assertThat(statusOf(api, ApiCall.remove("garbled", Optional.empty()))).isEqualTo(200);
        assertThat(curator.checkExists().forPath(RegistryPaths.watcher("garbled"))).isNull();
    }

    @Test
    @Order(2)
    void aNodeThatLeavesWhileItsAddIsInFlightKeepsTheRecordOfWhatItMayRun() throws Exception {
        CompletableFuture<ManagerRefused> adding = CompletableFuture.supplyAsync(() ->
                refusal(() -> api.add(sleeper("vanishing", Map.of("zone", "test")))));
        await().atMost(Duration.ofSeconds(5)).until(() -> node.peer().received().stream()
                .anyMatch(r -> r.command().equals("add")));

        node.unregister();

        ManagerRefused failed = adding.join();
        assertThat(failed.status()).as(failed.body()).isEqualTo(504);
        assertThat(failed.reason()).contains("claims-1").contains("left the registry");
        byte[] kept = curator.getData().forPath(RegistryPaths.watcher("vanishing"));
        assertThat(new ObjectMapper().readTree(kept).path("node").asText()).isEqualTo("claims-1");
    }
}
