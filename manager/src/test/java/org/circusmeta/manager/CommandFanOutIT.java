package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commands fanned out to several nodes, watcher calls, tasks and the nodes health check. */
@Timeout(60)
class CommandFanOutIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString(),
            ConfigOverride.config("circus.commandTimeout", COMMAND_TIMEOUT.toMillis() + "ms"));

    private static final List<FakeNode> NODES = new ArrayList<>();
    private final Http api = ManagerApps.api(APP);
    private final Http admin = ManagerApps.admin(APP);

    @BeforeAll
    static void startNodes() {
        NODES.add(FakeNode.start(ZK.connectString(), "fan-0", new FakeCircusd().with("web", 2)).register());
        NODES.add(FakeNode.start(ZK.connectString(), "fan-1", new FakeCircusd().with("web", 3).with("Worker", 1)).register());
        NODES.add(FakeNode.start(ZK.connectString(), "fan-2", new FakeCircusd()).register());
        NODES.add(FakeNode.start(ZK.connectString(), "fan-3", new FakeCircusd().with("cron", 1)).register());
        Http api = ManagerApps.api(APP);
        await().atMost(Duration.ofSeconds(3)).until(() -> NODES.stream().allMatch(n -> api.stateOf(n.name()).equals("attached")));
    }

    @AfterAll
    static void stopNodes() {
        NODES.forEach(FakeNode::close);
    }

    @Test
    void aHungNodeTimesOutWhileTheOthersAnswerWithinTheDeadline() {
        FakeCircusd circusd = new FakeCircusd();
        try (FakeNode hung = FakeNode.start(ZK.connectString(), "fan-hung",
                new FakeCircusd()).register()) {
            hung.peer().handler(r -> r.path("command").asText().equals("status") ? Optional.empty() : circusd.apply(r));
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("fan-hung").equals("attached"));

            long start = System.nanoTime();
            Http.Response response = api.post("/api/command",
                    "{\"command\": \"status\", \"nodes\": [\"fan-0\", \"fan-1\", \"fan-2\", \"fan-3\", \"fan-hung\"]}");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.status()).isEqualTo(200);
            JsonNode results = response.json().path("results");
            assertThat(results.path("fan-hung").path("status").asText()).isEqualTo("error");
            assertThat(results.path("fan-hung").path("reason").asText()).isEqualTo("timeout");
            for (String node : List.of("fan-0", "fan-1", "fan-2", "fan-3")) {
                assertThat(results.path(node).path("status").asText()).as(node).isEqualTo("ok");
                assertThat(results.path(node).path("statuses").isObject()).as(node).isTrue();
            }
            assertThat(results.path("fan-1").path("statuses").path("Worker").asText()).isEqualTo("active");
            assertThat(took).isGreaterThanOrEqualTo(COMMAND_TIMEOUT).isLessThan(COMMAND_TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void aNodeHungOnListingItsWatchersLeavesTheOthersTheirWholeDeadline() {
        FakeCircusd circusd = new FakeCircusd();
        try (FakeNode hung = FakeNode.start(ZK.connectString(), "fan-slow", circusd).register()) {
            hung.peer().handler(r -> r.path("command").asText().equals("list") ? Optional.empty() : circusd.apply(r));
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("fan-slow").equals("attached"));

            long start = System.nanoTime();
            Http.Response response = api.post("/api/watchers/web/restart");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode results = response.json().path("results");
            assertThat(results.path("fan-0").path("status").asText()).as(response.body()).isEqualTo("ok");
            assertThat(results.path("fan-1").path("status").asText()).as(response.body()).isEqualTo("ok");
            assertThat(results.path("fan-slow").path("reason").asText()).isEqualTo("timeout");
            assertThat(results.has("fan-2")).isFalse();
            assertThat(took).isLessThan(COMMAND_TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void anUnreachableNodeFailsAtOnceAndMakesTheNodesCheckUnhealthy() {
        try (FakeNode frozen = FakeNode.start(ZK.connectString(), "fan-frozen").register()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("fan-frozen").equals("attached"));
            frozen.peer().silence();
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("fan-frozen").equals("unreachable"));

            long start = System.nanoTime();
            JsonNode results = api.post("/api/command", "{\"command\": \"numwatchers\"}").json().path("results");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT);
            assertThat(results.path("fan-frozen").path("reason").asText()).isEqualTo("unreachable");
            assertThat(results.path("fan-0").path("numwatchers").asInt()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(3)).until(() -> admin.get("/healthcheck").status() == 500);
            assertThat(admin.get("/healthcheck").json().path("nodes").path("message").asText()).contains("fan-frozen");

            frozen.peer().speak();
            await().atMost(Duration.ofSeconds(2)).until(() -> admin.get("/healthcheck").status() == 200);
        }
    }

    @Test
    void listsTheClusterWatchersAndOneNodeWithItsWatchers() {
        JsonNode watchers = api.get("/api/watchers").json();
        JsonNode web = find(watchers, "web");
        assertThat(web.path("nodes").path("fan-0").path("numprocesses").asInt()).isEqualTo(2);
        assertThat(web.path("nodes").path("fan-1").path("status").asText()).isEqualTo("active");
        assertThat(web.path("cluster").asBoolean()).isFalse();
        assertThat(find(watchers, "Worker").path("nodes").has("fan-1")).isTrue();

        JsonNode node = api.get("/api/nodes/fan-1").json();
        assertThat(node.path("state").asText()).isEqualTo("attached");
        assertThat(node.path("watchers")).hasSize(2);
        assertThat(api.get("/api/nodes/nobody").status()).isEqualTo(404);
    }

    @Test
    void actsOnAWatcherWhereverItIs() {
        JsonNode all = api.post("/api/watchers/cron/incr?nb=2").json().path("results");
        assertThat(all.fieldNames()).toIterable().containsExactly("fan-3");
        assertThat(all.path("fan-3").path("status").asText()).isEqualTo("ok");

        JsonNode one = api.post("/api/watchers/web/stop?node=fan-0").json().path("results");
        assertThat(one.fieldNames()).toIterable().containsExactly("fan-0");
        assertThat(find(api.get("/api/watchers").json(), "web").path("nodes").path("fan-0").path("status").asText())
                .isEqualTo("stopped");

        assertThat(api.post("/api/watchers/cron/start?node=fan-0").status()).isEqualTo(404);
        assertThat(api.post("/api/watchers/nothing/start").status()).isEqualTo(404);
    }

    @Test
    void addsAWatcherOnTheNodeNamedOrOnTheOneWithFewestWatchers() {
        Http.Response pinned = api.post("/api/watchers", "{\"name\": \"pinned\", \"cmd\": \"sleep\", \"args\": [\"60\"],"
                + " \"node\": \"fan-3\", \"numprocesses\": 2, \"env\": {\"A\": \"b\"}}");
        assertThat(pinned.status()).isEqualTo(201);
        assertThat(pinned.json().path("node").asText()).isEqualTo("fan-3");

        Http.Response placed = api.post("/api/watchers", "{\"name\": \"placed\", \"cmd\": \"sleep 60\"}");
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().path("node").asText()).isEqualTo("fan-2");
        assertThat(placed.json().path("reason").asText()).contains("lowest load per capacity");

        assertThat(api.post("/api/watchers", "{\"name\": \"pinned\", \"cmd\": \"sleep\", \"node\": \"fan-3\"}").status())
                .isEqualTo(409);
        assertThat(api.post("/api/watchers", "{\"name\": \"x\", \"cmd\": \"sleep\", \"constraints\": {\"zone\": \"mars\"}}")
                .status()).isEqualTo(409);

        JsonNode removed = api.delete("/api/watchers/pinned").json().path("results");
        assertThat(removed.path("fan-3").path("status").asText()).isEqualTo("ok");
        assertThat(api.delete("/api/watchers/pinned").status()).isEqualTo(404);
    }

    @Test
    void theCircusCommandTaskAnswersPerNode() {
        Http.Response all = admin.post("/tasks/circus-command?command=status");
        assertThat(all.status()).isEqualTo(200);
        for (FakeNode node : NODES) {
            assertThat(all.json().path("results").path(node.name()).path("status").asText()).isEqualTo("ok");
        }
        Http.Response one = admin.post("/tasks/circus-command?command=numprocesses&node=fan-1&name=web");
        assertThat(one.json().path("results").fieldNames()).toIterable().containsExactly("fan-1");
        assertThat(one.json().path("results").path("fan-1").path("numprocesses").asInt()).isEqualTo(3);
    }

    @Test
    void detachAndAttachTasksDropAndReopenTheConnection() {
        assertThat(admin.post("/tasks/detach?node=fan-2").status()).isEqualTo(200);
        assertThat(api.stateOf("fan-2")).isEqualTo("detached");
        JsonNode results = api.post("/api/command", "{\"command\": \"numwatchers\", \"nodes\": [\"fan-2\"]}").json();
        assertThat(results.path("results").path("fan-2").path("reason").asText()).isEqualTo("detached");

        assertThat(admin.post("/tasks/attach?node=fan-2").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("fan-2").equals("attached"));
    }

    private static JsonNode find(JsonNode watchers, String name) {
        for (JsonNode w : watchers) {
            if (w.path("name").asText().equals(name)) {
                return w;
            }
        }
        throw new AssertionError("watcher " + name + " is not in " + watchers);
    }
}
