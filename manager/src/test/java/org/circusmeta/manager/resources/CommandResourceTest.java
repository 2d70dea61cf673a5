package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.resources.NodesResourceTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.RawCommand;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/command} alone, over a fake of the use cases: every status the README gives it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommandResourceTest {
    private final FakeUseCases cases = new FakeUseCases();
    private final ResourceExtension resources = TestResources.of(new CommandResource(cases.layer()));

    @Test
    void answersEachNodesReplyAsItCameInTheNodesOrder() {
        cases.ran = new RunResult.Ran(new FanOutResult(List.of(
                new NodeOutcome.Answered("web-01", Reply.ok().put("time", 1795657655.4095259).put("numprocesses", 2).build()),
                new NodeOutcome.Failed("worker-01", NodeOutcome.Failure.TIMEOUT))));

        Response response = post("{\"command\": \"numprocesses\", \"nodes\": [\"web-01\", \"worker-01\"]}");

        assertThat(response.getStatus()).isEqualTo(200);
        String body = response.readEntity(String.class);
        assertThat(body).contains("\"time\":1795657655.4095259").doesNotContain("E9");
        JsonNode results = TestResources.json(body).path("results");
        assertThat(results.fieldNames()).toIterable().containsExactly("web-01", "worker-01");
        assertThat(results.path("worker-01").path("reason").asText()).isEqualTo("timeout");
        RawCommand asked = (RawCommand) cases.asked.get(0);
        assertThat(asked.request().command()).isEqualTo("numprocesses");
        assertThat(asked.nodes()).contains(List.of("web-01", "worker-01"));
    }

    @Test
    void runsOnEveryNodeWhenNoneIsNamed() {
        post("{\"command\": \"status\"}");
        assertThat(((RawCommand) cases.asked.get(0)).nodes()).isEqualTo(Optional.empty());
    }

    @Test
    void answers404ForAnUnknownNode() {
        cases.ran = new Failure.UnknownNode("ghost");
        assertError(post("{\"command\": \"status\", \"nodes\": [\"ghost\"]}"), 404, "ghost");
    }

    @Test
    void answers422ForACommandCircusdDoesNotKnow() {
        cases.ran = new Failure.InvalidRequest("command: 'frobnicate' is not a circus command; use one of add, ...");
        assertError(post("{\"command\": \"frobnicate\"}"), 422, "frobnicate");
    }

    @ParameterizedTest(name = "{0} -> 422 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"command":                                       | not valid JSON
            {}                                                | command
            {"command": 5}                                    | command
            {"command": "status", "nodes": []}                | nodes
            {"command": "status", "nodes": ["bad name!"]}     | node name
            {"command": "status", "nodez": ["web-01"]}        | nodez
            """)
    void answers422NamingTheFieldOfABadBody(String body, String mentions) {
        assertError(post(body), 422, mentions);
        assertThat(cases.asked).isEmpty();
    }

    private Response post(String body) {
        return resources.target("/api/command").request().post(Entity.json(body));
    }
}
