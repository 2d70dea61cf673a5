package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static org.circusmeta.manager.ManagerExtension.refusal;
import static org.circusmeta.manager.ManagerExtension.statusOf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.WatcherView;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.Response;
import org.circusmeta.client.WatcherAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commands fanned out to several nodes, watcher calls, tasks and the nodes health check. */
@Timeout(60)
class CommandFanOutIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("circus.commandTimeout", COMMAND_TIMEOUT.toMillis() + "ms"));

    private static final List<FakeNode> NODES = new ArrayList<>();
    private final ManagerClient api = MANAGER.api();
    private final AdminClient admin = MANAGER.admin();

    @BeforeAll
    static void startNodes() {
        NODES.add(MANAGER.fakeNode("fan-0", new FakeCircusd().with("web", 2)).register());
        NODES.add(MANAGER.fakeNode("fan-1", new FakeCircusd().with("web", 3).with("Worker", 1)).register());
        NODES.add(MANAGER.fakeNode("fan-2", new FakeCircusd()).register());
        NODES.add(MANAGER.fakeNode("fan-3", new FakeCircusd().with("cron", 1)).register());
        MANAGER.awaitAttached(NODES.stream().map(FakeNode::name).toList(), Duration.ofSeconds(3));
    }

    @Test
    void aHungNodeTimesOutWhileTheOthersAnswerWithinTheDeadline() {
        FakeCircusd circusd = new FakeCircusd();
        try (FakeNode hung = FakeNode.start(MANAGER.zookeeper(), "fan-hung",
                new FakeCircusd()).register()) {
            hung.peer().handler(r -> r.path("command").asText().equals("status") ? Optional.empty() : circusd.apply(r));
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("fan-hung").equals("attached"));

            long start = System.nanoTime();
            Answer<CommandResults> response = api.answer(ApiCall.command(new CommandRequest("status", null,
                    List.of("fan-0", "fan-1", "fan-2", "fan-3", "fan-hung"))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.status()).isEqualTo(200);
            Map<String, ObjectNode> results = response.value().results();
            assertThat(results.get("fan-hung").path("status").asText()).isEqualTo("error");
            assertThat(results.get("fan-hung").path("reason").asText()).isEqualTo("timeout");
            for (String node : List.of("fan-0", "fan-1", "fan-2", "fan-3")) {
                assertThat(results.get(node).path("status").asText()).as(node).isEqualTo("ok");
                assertThat(results.get(node).path("statuses").isObject()).as(node).isTrue();
            }
            assertThat(results.get("fan-1").path("statuses").path("Worker").asText()).isEqualTo("active");
            assertThat(took).isGreaterThanOrEqualTo(COMMAND_TIMEOUT).isLessThan(COMMAND_TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void aNodeHungOnListingItsWatchersLeavesTheOthersTheirWholeDeadline() {
        FakeCircusd circusd = new FakeCircusd();
        try (FakeNode hung = FakeNode.start(MANAGER.zookeeper(), "fan-slow", circusd).register()) {
            hung.peer().handler(r -> r.path("command").asText().equals("list") ? Optional.empty() : circusd.apply(r));
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("fan-slow").equals("attached"));

            long start = System.nanoTime();
            Answer<CommandResults> response = api.answer(ApiCall.act("web", WatcherAction.RESTART, Optional.empty(),
                    OptionalInt.empty()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            Map<String, ObjectNode> results = response.value().results();
            assertThat(results.get("fan-0").path("status").asText()).as(response.body()).isEqualTo("ok");
            assertThat(results.get("fan-1").path("status").asText()).as(response.body()).isEqualTo("ok");
            assertThat(results.get("fan-slow").path("reason").asText()).isEqualTo("timeout");
            assertThat(results).doesNotContainKey("fan-2");
            assertThat(took).isLessThan(COMMAND_TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void anUnreachableNodeFailsAtOnceAndMakesTheNodesCheckUnhealthy() {
        try (FakeNode frozen = FakeNode.start(MANAGER.zookeeper(), "fan-frozen").register()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("fan-frozen").equals("attached"));
            frozen.peer().silence();
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("fan-frozen").equals("unreachable"));

            long start = System.nanoTime();
            Map<String, ObjectNode> results = api.command(new CommandRequest("numwatchers", null, null)).results();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT);
            assertThat(results.get("fan-frozen").path("reason").asText()).isEqualTo("unreachable");
            assertThat(results.get("fan-0").path("numwatchers").asInt()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(3)).until(() -> admin.healthcheck().status() == 500);
            assertThat(admin.healthcheck().json().path("nodes").path("message").asText()).contains("fan-frozen");

            frozen.peer().speak();
            await().atMost(Duration.ofSeconds(2)).until(() -> admin.healthcheck().status() == 200);
        }
    }

    @Test
    void listsTheClusterWatchersAndOneNodeWithItsWatchers() {
        List<WatcherView> watchers = api.watchers();
        WatcherView web = find(watchers, "web");
        assertThat(web.nodes().get("fan-0").numprocesses()).isEqualTo(2);
        assertThat(web.nodes().get("fan-1").status()).isEqualTo("active");
        assertThat(web.cluster()).isFalse();
        assertThat(find(watchers, "Worker").nodes()).containsKey("fan-1");

        NodeView node = api.node("fan-1");
        assertThat(node.state()).isEqualTo("attached");
        assertThat(node.watchers()).hasSize(2);
        assertThat(refusal(() -> api.node("nobody")).status()).isEqualTo(404);
    }

    @Test
    void actsOnAWatcherWhereverItIs() {
        Map<String, ObjectNode> all = api.act("cron", WatcherAction.INCR, Optional.empty(), OptionalInt.of(2)).results();
        assertThat(all.keySet()).containsExactly("fan-3");
        assertThat(all.get("fan-3").path("status").asText()).isEqualTo("ok");

        Map<String, ObjectNode> one = api.act("web", WatcherAction.STOP, Optional.of("fan-0"), OptionalInt.empty()).results();
        assertThat(one.keySet()).containsExactly("fan-0");
        assertThat(find(api.watchers(), "web").nodes().get("fan-0").status()).isEqualTo("stopped");

        assertThat(statusOf(api, ApiCall.act("cron", WatcherAction.START, Optional.of("fan-0"), OptionalInt.empty())))
                .isEqualTo(404);
        assertThat(statusOf(api, ApiCall.act("nothing", WatcherAction.START, Optional.empty(), OptionalInt.empty())))
                .isEqualTo(404);
    }

    @Test
    void addsAWatcherOnTheNodeNamedOrOnTheOneWithFewestWatchers() {
        Answer<AddedWatcher> pinned = api.answer(ApiCall.add(new AddWatcherRequest("pinned", "sleep",
                JsonNodeFactory.instance.arrayNode().add("60"), 2, Map.of("A", "b"), null, null, "fan-3", null, null)));
        assertThat(pinned.status()).isEqualTo(201);
        assertThat(pinned.value().node()).isEqualTo("fan-3");

        Answer<AddedWatcher> placed = api.answer(ApiCall.add(watcher("placed", "sleep 60", null, null)));
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.value().node()).isEqualTo("fan-2");
        assertThat(placed.value().reason()).contains("lowest load per capacity");

        assertThat(statusOf(api, ApiCall.add(watcher("pinned", "sleep", "fan-3", null)))).isEqualTo(409);
        assertThat(statusOf(api, ApiCall.add(watcher("x", "sleep", null, Map.of("zone", "mars"))))).isEqualTo(409);

        Map<String, ObjectNode> removed = api.remove("pinned", Optional.empty()).results();
        assertThat(removed.get("fan-3").path("status").asText()).isEqualTo("ok");
        assertThat(statusOf(api, ApiCall.remove("pinned", Optional.empty()))).isEqualTo(404);
    }

    @Test
    void theCircusCommandTaskAnswersPerNode() {
        Response all = admin.task("circus-command", Map.of("command", "status"));
        assertThat(all.status()).isEqualTo(200);
        for (FakeNode node : NODES) {
            assertThat(all.json().path("results").path(node.name()).path("status").asText()).isEqualTo("ok");
        }
        Response one = admin.task("circus-command", Map.of("command", "numprocesses", "node", "fan-1", "name", "web"));
        assertThat(one.json().path("results").fieldNames()).toIterable().containsExactly("fan-1");
        assertThat(one.json().path("results").path("fan-1").path("numprocesses").asInt()).isEqualTo(3);
    }

    @Test
    void detachAndAttachTasksDropAndReopenTheConnection() {
        assertThat(admin.task("detach", Map.of("node", "fan-2")).status()).isEqualTo(200);
        assertThat(MANAGER.stateOf("fan-2")).isEqualTo("detached");
        Map<String, ObjectNode> results = api.command(new CommandRequest("numwatchers", null, List.of("fan-2"))).results();
        assertThat(results.get("fan-2").path("reason").asText()).isEqualTo("detached");

        assertThat(admin.task("attach", Map.of("node", "fan-2")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("fan-2").equals("attached"));
    }

    private static WatcherView find(List<WatcherView> watchers, String name) {
        return watchers.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("watcher " + name + " is not in " + watchers));
    }

    private static AddWatcherRequest watcher(String name, String cmd, String node, Map<String, String> constraints) {
        return new AddWatcherRequest(name, cmd, null, null, null, null, null, node, constraints, null);
    }
}
