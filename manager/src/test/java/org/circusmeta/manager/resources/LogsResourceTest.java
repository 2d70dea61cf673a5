package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.LogsResult;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/logs} alone, over a fake of the tail: each answer the README gives it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LogsResourceTest {
    private record Asked(String watcher, Optional<String> node, int lines) {}

    private final AtomicReference<LogsResult> answer = new AtomicReference<>();
    private final AtomicReference<Asked> asked = new AtomicReference<>();
    private final ResourceExtension resources = TestResources.of(new LogsResource((watcher, node, lines) -> {
        asked.set(new Asked(watcher, node, lines));
        return CompletableFuture.completedFuture(answer.get());
    }));

    private Response get(String query) {
        return resources.target("/api/logs").queryParam("watcher", query).request().get();
    }

    private static LogLine line(String node, long pid, LogStream stream, double time, String text) {
        return new LogLine(Optional.of(node), "web", 1, "e", OptionalLong.of(pid), stream, time, text);
    }

    @Test
    void listsTheLinesAndNamesWhatIsMissingInWarningHeaders() {
        answer.set(new LogsResult.Lines(List.of(line("web-01", 7, LogStream.STDOUT, 1.5, "GET / 200"),
                new LogLine(Optional.of("web-02"), "web", 2, "e", OptionalLong.empty(), LogStream.STDERR, 2.5, "oops")),
                List.of("web-03: did not answer within 2000 ms")));

        Response response = get("web");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getStringHeaders().get("Warning")).containsExactly(
                "199 circusmeta \"web-03: did not answer within 2000 ms\"");
        JsonNode body = TestResources.json(response.readEntity(String.class));
        assertThat(body.get(0).toString()).isEqualTo(
                "{\"node\":\"web-01\",\"watcher\":\"web\",\"pid\":7,\"stream\":\"stdout\",\"time\":1.5,\"line\":\"GET / 200\"}");
        assertThat(body.get(1).has("pid")).as("a line whose pid the node cannot know").isFalse();
        assertThat(body.get(1).path("stream").asText()).isEqualTo("stderr");
        assertThat(asked.get()).isEqualTo(new Asked("web", Optional.empty(), 100));
    }

    @Test
    void nodeColonWatcherNamesTheNodeAndTailIsPassedOn() {
        answer.set(new LogsResult.Lines(List.of(), List.of()));
        Response response = resources.target("/api/logs").queryParam("watcher", "web-01:web").queryParam("tail", 7)
                .request().get();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("Warning")).isNull();
        assertThat(asked.get()).isEqualTo(new Asked("web", Optional.of("web-01"), 7));
    }

    @Test
    void answersEachFailureWithItsStatusAndMessage() {
        answer.set(new Failure.UnknownNode("ghost"));
        assertThat(get("web").getStatus()).isEqualTo(404);
        answer.set(new Failure.UnknownWatcher("web", "on any node that serves logs"));
        Response unknown = get("web");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.readEntity(String.class)).contains("no watcher named 'web' on any node that serves logs");
        answer.set(new LogsResult.NothingReadable("the output of web cannot be read: web-01: add stdout_stream.class"));
        Response unreadable = get("web");
        assertThat(unreadable.getStatus()).isEqualTo(409);
        assertThat(unreadable.readEntity(String.class)).contains("stdout_stream.class");
        answer.set(new LogsResult.NoneAnswered("no node answered for the logs of web"));
        assertThat(get("web").getStatus()).isEqualTo(504);
    }

    @Test
    void aMissingWatcherOrABadTailIs422AndNothingIsAsked() {
        assertThat(resources.target("/api/logs").request().get().getStatus()).isEqualTo(422);
        assertThat(resources.target("/api/logs").queryParam("watcher", "web").queryParam("tail", 0).request().get()
                .getStatus()).isEqualTo(422);
        assertThat(resources.target("/api/logs").queryParam("watcher", "bad name").request().get().getStatus())
                .isEqualTo(422);
        assertThat(asked.get()).isNull();
    }
}
