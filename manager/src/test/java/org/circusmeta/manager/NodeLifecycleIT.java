package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static org.circusmeta.manager.ManagerExtension.node;
import static org.circusmeta.manager.ManagerExtension.nodeJson;
import static org.circusmeta.manager.ManagerExtension.states;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.NodeView;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.Response;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes come, freeze, come back and go; the API follows within a second or two (README, "The HTTP
 * API": the node states).
 */
@Timeout(60)
class NodeLifecycleIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.replicas(2);

    private final ManagerClient api = MANAGER.api();

    @Test
    void attachesWithinOneSecondAndForgetsWithinOneSecond() {
        try (FakeNode node = FakeNode.start(MANAGER.zookeeper(), "join-1")) {
            long registered = System.nanoTime();
            node.register();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> MANAGER.stateOf("join-1").equals("attached"));
            assertThat(Duration.ofNanos(System.nanoTime() - registered)).isLessThan(Duration.ofSeconds(1));

            NodeView shown = node(api.nodes(), "join-1");
            assertThat(shown.endpoint()).isEqualTo(node.peer().endpoint());
            assertThat(shown.labels()).containsEntry("zone", "test");
            assertThat(shown.kind()).isEqualTo("circusd");
            assertThat(shown.lastSeen()).isNotNull();
            assertThat(nodeJson(api, "join-1").path("load").has("watchers")).isTrue();

            long deleted = System.nanoTime();
            node.unregister();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> MANAGER.stateOf("join-1").equals("absent"));
            assertThat(Duration.ofNanos(System.nanoTime() - deleted)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFrozenNodeIsUnreachableWithinTwoSecondsAndAttachedAgainWhenItAnswers() {
        try (FakeNode node = FakeNode.start(MANAGER.zookeeper(), "freeze-1").register()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("freeze-1").equals("attached"));

            long frozen = System.nanoTime();
            node.peer().silence();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> MANAGER.stateOf("freeze-1").equals("unreachable"));
            assertThat(Duration.ofNanos(System.nanoTime() - frozen)).isLessThan(Duration.ofSeconds(2));
            assertThat(node(api.nodes(), "freeze-1").unreachableSince()).isNotNull();

            node.peer().speak();
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("freeze-1").equals("attached"));
        }
    }

    @Test
    void aSessionThatEndsDetachesTheNode() {
        FakeNode node = FakeNode.start(MANAGER.zookeeper(), "session-1").register();
        await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("session-1").equals("attached"));
        node.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("session-1").equals("absent"));
    }

    @Test
    void reconnectsWhenTheEndpointChanges() {
        try (FakeNode node = FakeNode.start(MANAGER.zookeeper(), "move-1").register();
                RouterPeer elsewhere = RouterPeer.start()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("move-1").equals("attached"));
            node.peer().silence();
            node.write(node.record().toJson().put("endpoint", elsewhere.endpoint()).toString());
            await().atMost(Duration.ofSeconds(2)).until(() ->
                    node(api.nodes(), "move-1").endpoint().equals(elsewhere.endpoint()));
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("move-1").equals("attached"));
            assertThat(elsewhere.received()).isNotEmpty();
        }
    }

    @Test
    void aNodeWhoseEndpointCannotBeOpenedIsUnreachableWithTheReasonAndTriedAgainWhenItsRecordChanges() {
        try (FakeNode bad = FakeNode.start(MANAGER.zookeeper(), "unresolvable-1");
                FakeNode good = FakeNode.start(MANAGER.zookeeper(), "beside-unresolvable-1")) {
            bad.write(bad.record().toJson().put("endpoint", "tcp://no-such-host.invalid:5555").toString());
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("unresolvable-1").equals("unreachable"));
            assertThat(node(api.nodes(), "unresolvable-1").reason())
                    .contains("cannot open a connection to tcp://no-such-host.invalid:5555");

            good.register();
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("beside-unresolvable-1").equals("attached"));

            bad.register();
            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("unresolvable-1").equals("attached"));
            assertThat(nodeJson(api, "unresolvable-1").has("reason")).isFalse();
        }
    }

    @Test
    void showsInvalidRecordsWithTheirReasonsAndStaysHealthy() {
        List<FakeNode> nodes = new ArrayList<>();
        try (FakeNode good = FakeNode.start(MANAGER.zookeeper(), "good-1").register()) {
            nodes.add(FakeNode.start(MANAGER.zookeeper(), "bad-json").write("{not json"));
            nodes.add(FakeNode.start(MANAGER.zookeeper(), "bad-name").write(
                    good.record().toJson().put("name", "someone-else").toString()));
            nodes.add(FakeNode.start(MANAGER.zookeeper(), "bad-endpoint").write("{\"name\": \"bad-endpoint\"}"));

            await().atMost(Duration.ofSeconds(2)).until(() -> MANAGER.stateOf("good-1").equals("attached")
                    && MANAGER.stateOf("bad-json").equals("invalid") && MANAGER.stateOf("bad-name").equals("invalid")
                    && MANAGER.stateOf("bad-endpoint").equals("invalid"));
            List<NodeView> all = api.nodes();
            assertThat(node(all, "bad-json").reason()).contains("not a JSON object");
            assertThat(node(all, "bad-name").reason()).contains("someone-else");
            assertThat(node(all, "bad-endpoint").reason()).contains("endpoint");

            // The placement check may say rescheduling is paused: the earlier tests' nodes left this manager.
            Response health = MANAGER.admin().healthcheck();
            assertThat(health.json().path("nodes").path("healthy").asBoolean()).as(health.json().toString()).isTrue();
            assertThat(health.json().path("zookeeper").path("healthy").asBoolean()).as(health.json().toString()).isTrue();
            Map<String, ObjectNode> command = api.command(new CommandRequest("numwatchers", null, null)).results();
            assertThat(command).containsKey("good-1").doesNotContainKey("bad-json");
        } finally {
            nodes.forEach(FakeNode::close);
        }
    }

    @Test
    void twoManagersOnOneZooKeeperShowTheSameNodes() {
        List<FakeNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(FakeNode.start(MANAGER.zookeeper(), "pair-" + i).register());
            }
            nodes.add(FakeNode.start(MANAGER.zookeeper(), "pair-invalid").write("[]"));
            ManagerClient second = MANAGER.api(1);
            await().atMost(Duration.ofSeconds(3)).until(() -> states(api).equals(states(second))
                    && states(api).containsAll(List.of("pair-0:attached", "pair-1:attached", "pair-2:attached",
                            "pair-invalid:invalid")));
        } finally {
            nodes.forEach(FakeNode::close);
        }
    }
}
