package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.sleeper;
import static org.circusmeta.manager.ManagerExtension.refusal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.NodeView;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.RecordJson;
import org.circusmeta.node.CircusNode;
import org.circusmeta.registration.record.RegistryPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cordon and uncordon with real circusmeta-nodes: a cordoned node stays attached, shows {@code eligible:
 * false} and takes no new placement until uncordoned, through a manager restart, the node's
 * re-registration and a rename. Each test has nodes of its own, told apart by a label.
 */
@Timeout(120)
class CordonIT {
    private static final Duration ATTACH = Duration.ofSeconds(30);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static final Map<String, CircusNode> STARTED = new ConcurrentHashMap<>();
    private static RealNodes nodes;

    @BeforeAll
    static void startNodes() {
        nodes = MANAGER.realNodes("cordon-nodes");
        for (String name : List.of("basic-1", "basic-2", "again-1", "old-name")) {
            STARTED.put(name, start(name));
        }
        MANAGER.awaitAttached(List.of("basic-1", "basic-2", "again-1", "old-name"), ATTACH);
    }

    @Test
    void aCordonedNodeTakesNoPlacementUntilUncordoned() {
        ManagerClient api = MANAGER.api();
        EligibilityChanged cordoned = api.cordon("basic-1");
        assertThat(cordoned.eligible()).isFalse();
        assertThat(cordoned.message()).contains("cordoned node basic-1");
        assertThat(api.cordon("basic-1").message()).contains("was cordoned already");

        NodeView listed = ManagerExtension.node(api.nodes(), "basic-1");
        assertThat(listed.state()).isEqualTo("attached");
        assertThat(listed.eligible()).isFalse();
        assertThat(api.node("basic-1").eligible()).isFalse();
        assertThat(ManagerExtension.node(api.nodes(), "basic-2").eligible()).isTrue();
        assertThat(eligibilityRecord("basic-1").path("eligible").asBoolean(true)).isFalse();

        for (int i = 0; i < 4; i++) {
            assertThat(api.add(sleeper("basic-w" + i, Map.of("set", "basic"))).node()).isEqualTo("basic-2");
        }
        ManagerRefused refused = refusal(() -> api.add(sleeper("basic-only", Map.of("id", "basic-1"))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).contains("basic-1: cordoned");

        assertThat(api.uncordon("basic-1").eligible()).isTrue();
        assertThat(ManagerExtension.node(api.nodes(), "basic-1").eligible()).isTrue();
        assertThat(exists(RegistryPaths.eligibility("basic-1"))).isFalse();
        assertThat(api.add(sleeper("basic-only", Map.of("id", "basic-1"))).node()).isEqualTo("basic-1");
        assertThat(api.uncordon("basic-1").message()).contains("was not cordoned");
        assertThat(refusal(() -> api.cordon("nowhere")).status()).isEqualTo(404);

        // Read your writes: the answer comes once the manager's own view shows the change.
        for (int i = 0; i < 10; i++) {
            api.cordon("basic-1");
            assertThat(ManagerExtension.node(api.nodes(), "basic-1").eligible()).as("listed right after cordon %d", i).isFalse();
            api.uncordon("basic-1");
            assertThat(ManagerExtension.node(api.nodes(), "basic-1").eligible()).as("listed right after uncordon %d", i).isTrue();
        }
    }

    @Test
    void staysCordonedThroughAManagerRestartAndTheNodesReRegistration() {
        MANAGER.api().cordon("again-1");

        MANAGER.restart(0);
        MANAGER.awaitAttached(List.of("again-1"), ATTACH);
        assertCordoned("again-1", "again-1");

        String before = MANAGER.api().node("again-1").endpoint();
        nodes.stop(STARTED.remove("again-1"));
        await().atMost(ATTACH).until(() -> MANAGER.stateOf("again-1").equals("absent"));
        STARTED.put("again-1", start("again-1"));
        MANAGER.awaitAttached(List.of("again-1"), ATTACH);
        assertThat(MANAGER.api().node("again-1").endpoint()).as("registered again, on new ports").isNotEqualTo(before);
        assertCordoned("again-1", "again-1");
    }

    @Test
    void aRenameKeepsTheNodeCordonedUnderItsNewName() {
        ManagerClient api = MANAGER.api();
        api.cordon("old-name");

        api.rename("old-name", "new-name");

        MANAGER.awaitAttached(List.of("new-name"), ATTACH);
        await().atMost(ATTACH).until(() -> MANAGER.stateOf("old-name").equals("absent"));
        assertCordoned("new-name", "old-name");
        await().atMost(Duration.ofSeconds(10)).until(() -> !exists(RegistryPaths.eligibility("old-name")));
        assertThat(eligibilityRecord("new-name").has("renamed_from")).isFalse();
        assertThat(eligibilityRecord("new-name").path("eligible").asBoolean(true)).isFalse();

        MANAGER.api().uncordon("new-name");
        AddedWatcher added = MANAGER.api().add(sleeper("renamed-w", Map.of("id", "old-name")));
        assertThat(added.node()).isEqualTo("new-name");
    }

    /** The node shows {@code eligible: false} and a watcher only it could take is refused, naming it cordoned. */
    private static void assertCordoned(String node, String id) {
        ManagerClient api = MANAGER.api();
        assertThat(ManagerExtension.node(api.nodes(), node).eligible()).as(node + " eligible").isFalse();
        assertThat(ManagerExtension.node(api.nodes(), node).state()).isEqualTo("attached");
        ManagerRefused refused = refusal(() -> api.add(sleeper("only-" + id + "-" + System.nanoTime(), Map.of("id", id))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).contains(node + ": cordoned");
    }

    /** A node labelled with its set (the name up to its dash) and its own name as {@code id}. */
    private static CircusNode start(String name) {
        return nodes.start(name, "", Map.of("set", name.substring(0, name.indexOf('-')), "id", name), 1.0);
    }

    private static JsonNode eligibilityRecord(String node) {
        try {
            byte[] data = curator().getData().forPath(RegistryPaths.eligibility(node));
            return RecordJson.tree(new String(data, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + RegistryPaths.eligibility(node), e);
        }
    }

    private static boolean exists(String path) {
        try {
            return curator().checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + path, e);
        }
    }

    private static CuratorFramework curator() {
        return MANAGER.curator();
    }
}
