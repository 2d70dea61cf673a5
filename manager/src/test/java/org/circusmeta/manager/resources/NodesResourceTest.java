package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.DrainNode;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.NodeChange;
import org.circusmeta.manager.core.NodeChangeResult;
import org.circusmeta.manager.core.NodeResult;
import org.circusmeta.manager.core.Operation;
import org.circusmeta.manager.core.OperationResult;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.watchers.WatcherStatus;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/nodes} alone, over a fake of the use cases: every status the README gives it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class NodesResourceTest {
    private final FakeUseCases cases = new FakeUseCases();
    private final ResourceExtension resources = TestResources.of(new NodesResource(cases.layer(),
            new OperationReplies(TestResources.mapper(), Executors.newCachedThreadPool())));

    @Test
    void listsEveryNodeWithItsRecordStateLoadAndTimes() {
        cases.nodes = List.of(FakeUseCases.attached("web-01"), FakeUseCases.invalid("broken", "the record is not JSON"));

        Response response = resources.target("/api/nodes").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode nodes = response.readEntity(JsonNode.class);
        JsonNode web = nodes.get(0);
        assertThat(web.path("state").asText()).isEqualTo("attached");
        assertThat(web.path("pubsub_endpoint").asText()).isEqualTo("tcp://127.0.0.1:44923");
        assertThat(web.path("labels").fieldNames()).toIterable().containsExactly("tier", "zone");
        assertThat(web.path("registered_at").asText()).isEqualTo("2026-11-26T04:39:34Z");
        assertThat(web.path("last_seen").asText()).isEqualTo("2026-11-26T04:40:04.854654205Z");
        assertThat(web.path("unreachable_since").isNull()).isTrue();
        assertThat(web.path("load").path("watchers").asInt()).isEqualTo(2);
        assertThat(web.has("reason")).isFalse();
        assertThat(web.has("watchers")).isFalse();
        JsonNode broken = nodes.get(1);
        assertThat(broken.path("state").asText()).isEqualTo("invalid");
        assertThat(broken.path("reason").asText()).isEqualTo("the record is not JSON");
        assertThat(broken.path("capacity").isNull()).isTrue();
        assertThat(broken.path("load").path("watchers").isNull()).isTrue();
    }

    @Test
    void showsOneNodeWithItsWatchers() {
        cases.node = new NodeResult.Shown(FakeUseCases.attached("web-01"), Optional.of(List.of(
                new WatcherStatus("web", "active", 2), new WatcherStatus("cache", "stopped", -1))));

        Response response = resources.target("/api/nodes/web-01").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode watchers = response.readEntity(JsonNode.class).path("watchers");
        assertThat(watchers.get(0).path("name").asText()).isEqualTo("web");
        assertThat(watchers.get(0).path("numprocesses").asInt()).isEqualTo(2);
        assertThat(watchers.get(1).path("numprocesses").isNull()).isTrue();
    }

    @Test
    void showsANodeThatCannotBeAskedWithoutWatchers() {
        cases.node = new NodeResult.Shown(FakeUseCases.invalid("broken", "no endpoint"), Optional.empty());

        JsonNode node = resources.target("/api/nodes/broken").request().get(JsonNode.class);

        assertThat(node.path("state").asText()).isEqualTo("invalid");
        assertThat(node.has("watchers")).isFalse();
    }

    @Test
    void answers404ForAnUnknownNode() {
        cases.node = new Failure.UnknownNode("nowhere");
        assertError(resources.target("/api/nodes/nowhere").request().get(), 404, "no node named 'nowhere'");
    }

    @Test
    void answers422ForANameThatIsNoNodeName() {
        assertError(resources.target("/api/nodes/no.dots").request().get(), 422, "node name");
    }

    @Test
    void answers504WhenTheNodeDidNotAnswer() {
        cases.node = new Failure.Unanswered("web-01", "status", NodeOutcome.Failure.TIMEOUT, Duration.ofSeconds(1));
        assertError(resources.target("/api/nodes/web-01").request().get(), 504, "did not answer 'status' within 1000 ms");
    }

    @Test
    void acceptsARenameWith202AndAsksItAsTheApisClient() {
        cases.changed = new NodeChangeResult.Changed("web-02", "rename requested: the"
                + " registrar of web-02 re-registers it as web-03");

        Response response = rename("web-02", "{\"name\": \"web-03\"}");

        assertThat(response.getStatus()).isEqualTo(202);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.path("node").asText()).isEqualTo("web-02");
        assertThat(body.path("name").asText()).isEqualTo("web-03");
        assertThat(body.path("message").asText()).contains("re-registers it as web-03");
        assertThat(cases.asked).containsExactly(NodeChange.rename("web-02", "web-03"));
        assertThat(cases.actors.get(0).door()).isEqualTo(Actor.Door.HTTP_API);
    }

    @Test
    void answersARenameRefusedWithItsStatus() {
        cases.changed = new Failure.UnknownNode("ghost");
        assertError(rename("ghost", "{\"name\": \"new-name\"}"), 404, "ghost");
        cases.changed = new Failure.NameTaken("name: a node called web-01 is already registered");
        assertError(rename("web-02", "{\"name\": \"web-01\"}"), 409, "already registered");
        cases.changed = new Failure.InvalidRequest("name: the node is already called web-02; give a new name");
        assertError(rename("web-02", "{\"name\": \"web-02\"}"), 422, "already called");
    }

    @Test
    void answers422NamingTheFieldOfABadRename() {
        assertError(rename("web-02", "{\"name\": \"has space\"}"), 422, "name");
        assertError(rename("web-02", "{}"), 422, "name");
        assertError(rename("web-02", "{\"name\": \"x\", \"nmae\": \"y\"}"), 422, "nmae: unknown field");
        assertThat(cases.asked).isEmpty();
    }

    @Test
    void answers503WhenZooKeeperCannotTakeTheRename() {
        cases.failing = new RegistryUnavailableException("ZooKeeper is not connected, so the rename of web-02 could not"
                + " be written");
        assertError(rename("web-02", "{\"name\": \"web-03\"}"), 503, "ZooKeeper is not connected");
    }

    @Test
    void drainsWithTheBodysOptionsOrTheDefaultsAndAnswersTheOperationOnceOver() {
        Response response = drain("web-01", "{\"maxParallel\": 2, \"deadline\": \"90s\"}");

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode operation = response.readEntity(JsonNode.class);
        assertThat(operation.path("kind").asText()).isEqualTo("drain");
        assertThat(operation.path("state").asText()).isEqualTo("done");
        assertThat(operation.path("steps").findValuesAsText("watcher")).containsExactly("api", "web");
        assertThat(operation.path("steps").findValuesAsText("result")).containsOnly("moved");
        assertThat(resources.target("/api/nodes/web-02/drain").request().post(Entity.json("")).getStatus()).isEqualTo(200);
        assertThat(drain("web-03", "{\"max_parallel\": 3}").getStatus()).isEqualTo(200);
        assertThat(cases.asked).containsExactly(new DrainNode("web-01", 2, Duration.ofSeconds(90)),
                new DrainNode("web-02", DrainNode.DEFAULT_MAX_PARALLEL, DrainNode.DEFAULT_DEADLINE),
                new DrainNode("web-03", 3, DrainNode.DEFAULT_DEADLINE));
        assertThat(cases.actors.get(0).door()).isEqualTo(Actor.Door.HTTP_API);
    }

    @Test
    void answersADrainAtOnceWith202WhenAskedToRespondAsync() {
        Operation running = FakeUseCases.OPERATIONS.running("web-01");
        cases.drained = new OperationResult.Started(running);

        Response response = resources.target("/api/nodes/web-01/drain").request().header("Prefer", "respond-async")
                .post(Entity.json("{}"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getLocation().getPath()).isEqualTo("/api/operations/" + running.id());
        assertThat(response.readEntity(JsonNode.class).path("state").asText()).isEqualTo("running");
    }

    @Test
    void answersADrainThatCannotStartWithItsStatusAndAsksNothingOfABadBody() {
        assertError(drain("web-01", "{\"maxParallel\": 0}"), 422, "must be at least 1");
        assertError(drain("web-01", "{\"deadline\": \"soon\"}"), 422, "deadline: 'soon' is not a duration");
        assertError(drain("web-01", "{\"max_paralel\": 2}"), 422, "max_paralel");
        assertThat(cases.asked).isEmpty();
        cases.drained = new Failure.UnknownNode("ghost");
        assertError(drain("ghost", "{}"), 404, "no node named 'ghost'");
        cases.failing = new RegistryUnavailableException("ZooKeeper is not connected, so could not cordon node web-01");
        assertError(drain("web-01", "{}"), 503, "ZooKeeper is not connected");
    }

    private Response drain(String node, String body) {
        return resources.target("/api/nodes/" + node + "/drain").request().post(Entity.json(body));
    }

    private Response rename(String node, String body) {
        return resources.target("/api/nodes/" + node + "/rename").request().post(Entity.json(body));
    }

    static void assertError(Response response, int status, String mentions) {
        assertThat(response.getStatus()).isEqualTo(status);
        JsonNode error = response.readEntity(JsonNode.class);
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).contains(mentions).doesNotContain("Exception");
    }
}
