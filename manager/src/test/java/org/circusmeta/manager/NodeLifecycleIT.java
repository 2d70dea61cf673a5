package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.circusmeta.testsupport.RouterPeer;

/** Nodes come, freeze, come back and go; the API follows within the bounds of SPEC §4 and issue 5. */
@Timeout(60)
class NodeLifecycleIT {
    @RegisterExtension
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString());

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<ManagerConfiguration> SECOND = ManagerApps.app(ZK.connectString());

    private final Http api = ManagerApps.api(APP);

    @Test
    void attachesWithinOneSecondAndForgetsWithinOneSecond() {
        try (FakeNode node = FakeNode.start(ZK.connectString(), "join-1")) {
            long registered = System.nanoTime();
            node.register();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> api.stateOf("join-1").equals("attached"));
            assertThat(Duration.ofNanos(System.nanoTime() - registered)).isLessThan(Duration.ofSeconds(1));

            JsonNode shown = find(api.get("/api/nodes").json(), "join-1");
            assertThat(shown.path("endpoint").asText()).isEqualTo(node.peer().endpoint());
            assertThat(shown.path("labels").path("zone").asText()).isEqualTo("test");
            assertThat(shown.path("kind").asText()).isEqualTo("circusd");
            assertThat(shown.path("last_seen").isTextual()).isTrue();
            assertThat(shown.path("load").has("watchers")).isTrue();

            long deleted = System.nanoTime();
            node.unregister();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> api.stateOf("join-1").equals("absent"));
            assertThat(Duration.ofNanos(System.nanoTime() - deleted)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFrozenNodeIsUnreachableWithinTwoSecondsAndAttachedAgainWhenItAnswers() {
        try (FakeNode node = FakeNode.start(ZK.connectString(), "freeze-1").register()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("freeze-1").equals("attached"));

            long frozen = System.nanoTime();
            node.peer().silence();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.stateOf("freeze-1").equals("unreachable"));
            assertThat(Duration.ofNanos(System.nanoTime() - frozen)).isLessThan(Duration.ofSeconds(2));
            assertThat(find(api.get("/api/nodes").json(), "freeze-1").path("unreachable_since").isTextual()).isTrue();

            node.peer().speak();
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("freeze-1").equals("attached"));
        }
    }

    @Test
    void aSessionThatEndsDetachesTheNode() {
        FakeNode node = FakeNode.start(ZK.connectString(), "session-1").register();
        await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("session-1").equals("attached"));
        node.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("session-1").equals("absent"));
    }

    @Test
    void reconnectsWhenTheEndpointChanges() {
        try (FakeNode node = FakeNode.start(ZK.connectString(), "move-1").register();
                RouterPeer elsewhere = RouterPeer.start()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("move-1").equals("attached"));
            node.peer().silence();
            node.write(node.record().toJson().put("endpoint", elsewhere.endpoint()).toString());
            await().atMost(Duration.ofSeconds(2)).until(() ->
                    find(api.get("/api/nodes").json(), "move-1").path("endpoint").asText().equals(elsewhere.endpoint()));
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("move-1").equals("attached"));
            assertThat(elsewhere.received()).isNotEmpty();
        }
    }

    @Test
    void aNodeWhoseEndpointCannotBeOpenedIsUnreachableWithTheReasonAndTriedAgainWhenItsRecordChanges() {
        try (FakeNode bad = FakeNode.start(ZK.connectString(), "unresolvable-1");
                FakeNode good = FakeNode.start(ZK.connectString(), "beside-unresolvable-1")) {
            bad.write(bad.record().toJson().put("endpoint", "tcp://no-such-host.invalid:5555").toString());
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("unresolvable-1").equals("unreachable"));
            assertThat(find(api.get("/api/nodes").json(), "unresolvable-1").path("reason").asText())
                    .contains("cannot open a connection to tcp://no-such-host.invalid:5555");

            good.register();
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("beside-unresolvable-1").equals("attached"));

            bad.register();
            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("unresolvable-1").equals("attached"));
            assertThat(find(api.get("/api/nodes").json(), "unresolvable-1").has("reason")).isFalse();
        }
    }

    @Test
    void showsInvalidRecordsWithTheirReasonsAndStaysHealthy() {
        List<FakeNode> nodes = new ArrayList<>();
        try (FakeNode good = FakeNode.start(ZK.connectString(), "good-1").register()) {
            nodes.add(FakeNode.start(ZK.connectString(), "bad-json").write("{not json"));
            nodes.add(FakeNode.start(ZK.connectString(), "bad-name").write(
                    good.record().toJson().put("name", "someone-else").toString()));
            nodes.add(FakeNode.start(ZK.connectString(), "bad-endpoint").write("{\"name\": \"bad-endpoint\"}"));

            await().atMost(Duration.ofSeconds(2)).until(() -> api.stateOf("good-1").equals("attached")
                    && api.stateOf("bad-json").equals("invalid") && api.stateOf("bad-name").equals("invalid")
                    && api.stateOf("bad-endpoint").equals("invalid"));
            JsonNode all = api.get("/api/nodes").json();
            assertThat(find(all, "bad-json").path("reason").asText()).contains("not a JSON object");
            assertThat(find(all, "bad-name").path("reason").asText()).contains("someone-else");
            assertThat(find(all, "bad-endpoint").path("reason").asText()).contains("endpoint");

            Http.Response health = ManagerApps.admin(APP).get("/healthcheck");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("nodes").path("healthy").asBoolean()).isTrue();
            Http.Response command = api.post("/api/command", "{\"command\": \"numwatchers\"}");
            assertThat(command.json().path("results").has("good-1")).isTrue();
            assertThat(command.json().path("results").has("bad-json")).isFalse();
        } finally {
            nodes.forEach(FakeNode::close);
        }
    }

    @Test
    void twoManagersOnOneZooKeeperShowTheSameNodes() {
        List<FakeNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(FakeNode.start(ZK.connectString(), "pair-" + i).register());
            }
            nodes.add(FakeNode.start(ZK.connectString(), "pair-invalid").write("[]"));
            Http second = ManagerApps.api(SECOND);
            await().atMost(Duration.ofSeconds(3)).until(() -> names(api).equals(names(second))
                    && names(api).containsAll(List.of("pair-0:attached", "pair-1:attached", "pair-2:attached",
                            "pair-invalid:invalid")));
        } finally {
            nodes.forEach(FakeNode::close);
        }
    }

    private static List<String> names(Http http) {
        List<String> names = new ArrayList<>();
        http.get("/api/nodes").json().forEach(n -> names.add(n.path("name").asText() + ":" + n.path("state").asText()));
        return names;
    }

    static JsonNode find(JsonNode nodes, String name) {
        for (JsonNode n : nodes) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("node " + name + " is not in " + nodes);
    }
}
