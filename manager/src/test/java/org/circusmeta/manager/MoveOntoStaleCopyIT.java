package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader moves a cluster watcher off a lost node onto the one node left, which still runs the
 * copy the record calls stale (it was moved off it before): that copy is the live one now, and the
 * same pass must not remove it.
 */
@Timeout(60)
class MoveOntoStaleCopyIT {
    private static final Duration RESCHEDULE_AFTER = Duration.ofSeconds(1);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("placement.rescheduleAfter", RESCHEDULE_AFTER.toMillis() + "ms"),
            ConfigOverride.config("placement.reconcileInterval", "300ms"));

    private static FakeNode survivor;
    private static CuratorFramework curator;

    @BeforeAll
    static void start() {
        Instant started = Instant.now();
        survivor = MANAGER.fakeNode("survivor", new FakeCircusd().with("roamer", 1)).register();
        curator = MANAGER.curator();
        MANAGER.awaitAttached(List.of("survivor"), Duration.ofSeconds(10));
        // The lost node is gone since the manager first read the registry, before this: its time is up after this.
        await().atMost(RESCHEDULE_AFTER.plusSeconds(2))
                .until(() -> Instant.now().isAfter(started.plus(RESCHEDULE_AFTER).plusMillis(200)));
    }


    @Test
    void aWatcherMovedOntoTheNodeRunningItsOldCopyKeepsRunningThere() throws Exception {
        ObjectNode spec = CircusJson.object();
        spec.put("cmd", "sleep 600");
        spec.putObject("options").put("numprocesses", 1);
        ClusterWatcherRecord record = new ClusterWatcherRecord(WatcherDefinition.read("roamer", spec, Map.of()), Instances.ONE,
                Optional.empty(), false, List.of(new ClusterWatcherRecord.Copy("lost", Instant.now(), "test", "placed before")),
                List.of("survivor"), List.of(), false);
        curator.create().creatingParentsIfNeeded().forPath(RegistryPaths.watcher("roamer"), record.toBytes());

        await().atMost(Duration.ofSeconds(10)).until(() -> nodeOf("roamer").equals("survivor"));

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> survivor.peer().received().stream().map(RouterPeer.Received::command).noneMatch("rm"::equals));
        assertThat(survivor.peer().received().stream().map(RouterPeer.Received::command)).contains("add");
    }

    private static String nodeOf(String watcher) throws Exception {
        return new ObjectMapper().readTree(curator.getData().forPath(RegistryPaths.watcher(watcher))).path("node").asText();
    }
}
