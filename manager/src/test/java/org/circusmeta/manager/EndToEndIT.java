package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.WatcherView;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.WatcherAction;
import org.circusmeta.node.CircusNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real circusmeta-nodes, registered by their own registrar, driven through the manager's API. */
@Timeout(90)
class EndToEndIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static final List<CircusNode> NODES = new ArrayList<>();

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("e2e-nodes");
        for (int i = 0; i < 3; i++) {
            NODES.add(nodes.start("e2e-" + i, RealNodes.watcher("sleeper", "sleep 4302", 1)));
        }
    }

    @Test
    void attachesRealNodesAndRunsTheirWatchers() {
        ManagerClient api = MANAGER.api();
        MANAGER.awaitAttached(List.of("e2e-0", "e2e-1", "e2e-2"), Duration.ofSeconds(20));
        NodeView first = ManagerExtension.node(api.nodes(), "e2e-0");
        assertThat(first.kind()).isEqualTo("circusmeta-node");
        assertThat(first.endpoint()).isEqualTo(NODES.get(0).endpoint());

        Map<String, ObjectNode> results = api.command(new CommandRequest("numwatchers", null, null)).results();
        for (int i = 0; i < 3; i++) {
            assertThat(results.get("e2e-" + i).path("numwatchers").asInt()).isEqualTo(1);
        }

        Map<String, ObjectNode> incr = api.act("sleeper", WatcherAction.INCR, Optional.of("e2e-1"), OptionalInt.of(1)).results();
        assertThat(incr.get("e2e-1").path("status").asText()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> sleeperProcesses(api, "e2e-1") == 2);
        assertThat(sleeperProcesses(api, "e2e-0")).isEqualTo(1);

        Answer<AddedWatcher> added = api.answer(ApiCall.add(new AddWatcherRequest("extra", "sleep",
                JsonNodeFactory.instance.arrayNode().add("4303"), null, null, null, null, null, null, null)));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String node = added.value().node();
        await().atMost(Duration.ofSeconds(10)).until(() -> Optional.ofNullable(api.node(node).watchers()).map(List::size)
                .orElse(0) == 2);
        assertThat(api.remove("extra", Optional.empty()).results().get(node).path("status").asText()).isEqualTo("ok");
    }

    private static int sleeperProcesses(ManagerClient api, String node) {
        for (WatcherView w : api.watchers()) {
            if (w.name().equals("sleeper")) {
                WatcherView.OnNode on = w.nodes().get(node);
                return on == null || on.numprocesses() == null ? -1 : on.numprocesses();
            }
        }
        return -1;
    }
}
