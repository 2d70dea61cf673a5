package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.resources.NodesResourceTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.circusmeta.manager.core.AddResult;
import org.circusmeta.manager.core.AddWatcher;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.core.ScaleWatcher;
import org.circusmeta.manager.core.WatcherCommand;
import org.circusmeta.manager.core.WatcherListing;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherStatus;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/watchers} alone, over a fake of the use cases: every status the README gives it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WatchersResourceTest {
    private final FakeUseCases cases = new FakeUseCases();
    private final ResourceExtension resources = TestResources.of(new WatchersResource(cases.layer(),
            new OperationReplies(TestResources.mapper(), Executors.newCachedThreadPool())));

    @Test
    void listsEachWatcherWithTheNodesThatRunIt() {
        cases.watchers = List.of(new WatcherListing("cache", new TreeMap<>(Map.of(
                "web-01", new WatcherStatus("cache", "stopped", 0), "web-02", new WatcherStatus("cache", "active", -1))), false),
                new WatcherListing("napper", new TreeMap<>(), true));

        JsonNode watchers = resources.target("/api/watchers").request().get(JsonNode.class);

        assertThat(watchers.get(0).path("nodes").path("web-01").path("status").asText()).isEqualTo("stopped");
        assertThat(watchers.get(0).path("nodes").path("web-02").path("numprocesses").isNull()).isTrue();
        assertThat(watchers.get(0).path("cluster").asBoolean()).isFalse();
        assertThat(watchers.get(1).path("nodes").size()).isZero();
        assertThat(watchers.get(1).path("cluster").asBoolean()).isTrue();
    }

    @Test
    void addsAPlacedWatcherWith201SayingWhereAndWhy() {
        cases.added = new AddResult.Added("napper", "web-01", "lowest load per capacity 0.320", Reply.ok().build());

        Response response = add("{\"name\": \"napper\", \"cmd\": \"sleep\", \"args\": [\"600\"], \"numprocesses\": 2,"
                + " \"env\": {\"A\": \"b\"}, \"options\": {\"warmup_delay\": 1}, \"constraints\": {\"tier\": \"web\"}}");

        assertThat(response.getStatus()).isEqualTo(201);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.path("name").asText()).isEqualTo("napper");
        assertThat(body.path("node").asText()).isEqualTo("web-01");
        assertThat(body.path("reason").asText()).contains("lowest load");
        AddWatcher asked = (AddWatcher) cases.asked.get(0);
        assertThat(asked.node()).isEmpty();
        assertThat(asked.definition().processes()).isEqualTo(2);
        assertThat(asked.definition().constraints()).isEqualTo(Map.of("tier", "web"));
        JsonNode spec = asked.definition().spec();
        assertThat(spec.path("options").path("warmup_delay").asInt()).isEqualTo(1);
        assertThat(spec.path("options").path("env").path("A").asText()).isEqualTo("b");
        assertThat(spec.path("start").asBoolean()).isTrue();
    }

    @Test
    void addsAPinnedWatcherOnTheNodeNamed() {
        assertThat(add("{\"name\": \"pinned\", \"cmd\": \"sleep 60\", \"node\": \"web-01\"}").getStatus()).isEqualTo(201);
        assertThat(((AddWatcher) cases.asked.get(0)).node()).contains("web-01");
    }

    @Test
    void answersAnAddThatDidNotHappenWithItsStatus() {
        cases.added = new Failure.NoFit("no node can take watcher 'x' (web-01: label tier is 'web', not 'gpu')");
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\"}"), 409, "no node can take");
        cases.added = new Failure.NameTaken("a cluster watcher named 'x' already exists");
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\"}"), 409, "already exists");
        cases.added = new Failure.UnknownNode("ghost");
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\", \"node\": \"ghost\"}"), 404, "ghost");
        cases.added = new Failure.Unanswered("web-01", "add", NodeOutcome.Failure.GONE, Duration.ofSeconds(1));
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\"}"), 504, "left the registry");
    }

    @Test
    void addsCopiesSpreadOverALabelAndSaysWhereEachWent() {
        cases.added = new AddResult.Added("web", "n1", "why n1", Reply.ok().build(), List.of(new AddResult.PlacedCopy("n1",
                "why n1"), new AddResult.PlacedCopy("n3", "why n3")), List.of("n5"));

        Response response = add("{\"name\": \"web\", \"cmd\": \"sleep\", \"instances\": 3, \"spread\": \"zone\"}");

        assertThat(response.getStatus()).isEqualTo(201);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.path("copies").findValuesAsText("node")).containsExactly("n1", "n3");
        assertThat(body.path("not_started").get(0).asText()).isEqualTo("n5");
        AddWatcher asked = (AddWatcher) cases.asked.get(0);
        assertThat(asked.instances()).isEqualTo(Instances.of(3));
        assertThat(asked.spread()).contains("zone");
        add("{\"name\": \"all\", \"cmd\": \"sleep\", \"instances\": \"all\"}");
        assertThat(((AddWatcher) cases.asked.get(1)).instances().isEvery()).isTrue();
    }

    @Test
    void scalesACountUpOrDownAndAnswersWhatChanged() {
        Response response = scale("web", "{\"instances\": 2}");

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.path("instances").asInt()).isEqualTo(2);
        assertThat(body.path("removed").get(0).asText()).isEqualTo("web-02");
        assertThat(((ScaleWatcher) cases.asked.get(0))).isEqualTo(new ScaleWatcher("web", Instances.of(2)));
        scale("web", "{\"instances\": \"all\"}");
        assertThat(((ScaleWatcher) cases.asked.get(1)).instances()).isEqualTo(Instances.ALL);
    }

    @Test
    void answersAScaleThatCannotBeDoneWithItsStatus() {
        cases.scaled = new Failure.NoFit("only 2 nodes can take a copy of watcher 'web', and 3 are needed (n3: unreachable)");
        assertError(scale("web", "{\"instances\": 5}"), 409, "n3: unreachable");
        cases.scaled = new Failure.UnknownWatcher("ghost", "is recorded as a cluster watcher");
        assertError(scale("ghost", "{\"instances\": 5}"), 404, "ghost");
        cases.scaled = new Failure.InvalidRequest("instances: watcher pin is pinned on web-01");
        assertError(scale("pin", "{\"instances\": 2}"), 422, "pinned");
    }

    @ParameterizedTest(name = "{0} -> 422 naming instances")
    @CsvSource(delimiter = '|', textBlock = """
            {"instances": 0}
            {"instances": "some"}
            {"instances": 1.5}
            {}
            """)
    void answers422ForABadCount(String body) {
        assertError(scale("web", body), 422, "instances");
        if (!body.equals("{}")) {
            assertError(add("{\"name\": \"w\", \"cmd\": \"x\", " + body.substring(1)), 422, "instances");
        }
        assertThat(cases.asked).isEmpty();
    }

    @Test
    void answers422ForAPinnedWatcherOfSeveralCopies() {
        assertError(add("{\"name\": \"w\", \"cmd\": \"x\", \"node\": \"web-01\", \"instances\": 2}"), 422,
                "pinned on a node has one copy");
        assertThat(cases.asked).isEmpty();
    }

    @Test
    void answers202WhenTheRestOfARemovalIsPending() {
        cases.ran = new RunResult.Ran(((RunResult.Ran) FakeUseCases.ranOn("web-01")).result(),
                Optional.of("the removal of cluster watcher napper is recorded but not finished"));

        Response response = resources.target("/api/watchers/napper").request().delete();

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.readEntity(JsonNode.class).path("pending").asText()).contains("not finished");
    }

    @Test
    void listsACopiesWatcherWithItsRecord() {
        cases.watchers = List.of(new WatcherListing("web", new TreeMap<>(Map.of("n1", new WatcherStatus("web", "active", 2))),
                true, Optional.of(new WatcherListing.Recorded(Instances.of(2), Optional.of("zone"), false,
                        List.of(new WatcherListing.CopyStatus("n1", "active"), new WatcherListing.CopyStatus("n2", "gone")),
                        List.of(new ClusterWatcherRecord.StartFailure("n4", Instant.parse("2026-11-26T04:40:04Z"), "refused")),
                        Optional.of(Instant.parse("2026-11-26T04:40:05Z")), false))));

        JsonNode web = resources.target("/api/watchers").request().get(JsonNode.class).get(0);

        assertThat(web.path("instances").asInt()).isEqualTo(2);
        assertThat(web.path("spread").asText()).isEqualTo("zone");
        assertThat(web.path("pinned").asBoolean()).isFalse();
        assertThat(web.path("copies").get(1).path("status").asText()).isEqualTo("gone");
        assertThat(web.path("failures").get(0).path("node").asText()).isEqualTo("n4");
        assertThat(web.path("retry_at").asText()).isEqualTo("2026-11-26T04:40:05Z");
        assertThat(web.has("pending")).isFalse();
    }

    @Test
    void answersANodesRefusalOfAnAddByWhatItRefused() {
        cases.added = refused(Reply.error("command b'{\"command\": \"add\"}': 'x' already exist", Errno.COMMAND_ERROR));
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\", \"node\": \"web-01\"}"), 409, "already exist");
        cases.added = refused(Reply.error("'numprocesses' isn't an integer", Errno.MESSAGE_ERROR));
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\", \"node\": \"web-01\"}"), 422, "isn't an integer");
        cases.added = refused(Reply.error("command b'...': no such file", Errno.COMMAND_ERROR));
        assertError(add("{\"name\": \"x\", \"cmd\": \"sleep\", \"node\": \"web-01\"}"), 502, "refused 'add'");
    }

    @ParameterizedTest(name = "{0} -> 422 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"cmd": "sleep"}                                  | name
            {"name": "a:b", "cmd": "sleep"}                   | watcher name
            {"name": "w", "cmd": "x", "numprocesses": -1}     | numprocesses
            {"name": "w", "cmd": "x", "numprocesses": "two"}  | numprocesses
            {"name": "w", "cmd": "x", "options": {"numprocesses": -5}}         | options.numprocesses
            {"name": "w", "cmd": "x", "options": {"numprocesses": 2147483648}} | options.numprocesses
            {"name": "w", "cmd": "x", "args": [1, 2]}         | args
            """)
    void answers422NamingTheFieldOfABadWatcher(String body, String mentions) {
        assertError(add(body), 422, mentions);
        assertThat(cases.asked).isEmpty();
    }

    @Test
    void removesAWatcherAndAnswersEachNodesResult() {
        Response response = resources.target("/api/watchers/napper").queryParam("node", "web-01").request().delete();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(JsonNode.class).path("results").path("web-01").path("status").asText()).isEqualTo("ok");
        WatcherCommand asked = (WatcherCommand) cases.asked.get(0);
        assertThat(asked.isRemoval()).isTrue();
        assertThat(asked.watcher()).isEqualTo("napper");
        assertThat(asked.node()).contains("web-01");
    }

    @Test
    void answers404ForAWatcherNoNodeHas() {
        cases.ran = new Failure.UnknownWatcher("nothing", "is on any node");
        assertError(resources.target("/api/watchers/nothing").request().delete(), 404, "no watcher named 'nothing'");
        assertError(act("nothing/start"), 404, "nothing");
    }

    @Test
    void actsOnAWatcherWithTheCountForIncrAndDecrOnly() {
        Response response = act("web/incr?nb=2");

        assertThat(response.getStatus()).isEqualTo(200);
        WatcherCommand asked = (WatcherCommand) cases.asked.get(0);
        assertThat(asked.request().command()).isEqualTo("incr");
        assertThat(asked.request().properties().path("nb").asInt()).isEqualTo(2);
        assertThat(asked.request().properties().path("name").asText()).isEqualTo("web");
        act("web/stop");
        assertThat(((WatcherCommand) cases.asked.get(1)).request().properties().has("nb")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            web/explode             | 404 | explode
            web/start?nb=2          | 422 | nb
            web/incr?nb=-1          | 422 | nb
            web/incr?nb=abc         | 422 | nb
            web/start?node=no.dots  | 422 | node
            """)
    void answersABadActionWithItsStatus(String path, int status, String mentions) {
        assertError(act(path), status, mentions);
        assertThat(cases.asked).isEmpty();
    }

    @Test
    void answers504WhenTheNodeNamedDidNotTakeTheAction() {
        cases.ran = new Failure.Unanswered("web-01", "start", NodeOutcome.Failure.DETACHED, Duration.ofSeconds(1));
        assertError(act("web/start?node=web-01"), 504, "detached");
    }

    private static Failure.Refused refused(Reply reply) {
        return new Failure.Refused("web-01", "add", reply);
    }

    private Response scale(String name, String body) {
        return resources.target("/api/watchers/" + name).request().method("PATCH", Entity.json(body));
    }

    private Response add(String body) {
        return resources.target("/api/watchers").request().post(Entity.json(body));
    }

    private Response act(String path) {
        String[] parts = path.split("\\?", 2);
        var target = resources.target("/api/watchers/" + parts[0]);
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                target = target.queryParam(kv[0], kv[1]);
            }
        }
        return target.request().post(Entity.json(""));
    }
}
