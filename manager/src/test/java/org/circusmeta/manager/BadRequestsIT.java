package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.circusmeta.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input of every kind gets a 4xx whose body says what was wrong; never a 5xx. */
@Timeout(60)
class BadRequestsIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    @BeforeAll
    static void startNode() {
        MANAGER.fakeNode("bad-1", new FakeCircusd().with("web", 1)).register();
        MANAGER.awaitAttached(List.of("bad-1"), Duration.ofSeconds(3));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("POST", "/api/command", "{\"command\": ", 422, "not valid JSON"),
                bad("POST", "/api/command", "[\"status\"]", 422, ""),
                bad("POST", "/api/command", "{}", 422, "command"),
                bad("POST", "/api/command", "{\"command\": 5}", 422, "command"),
                bad("POST", "/api/command", "{\"command\": \"frobnicate\"}", 422, "frobnicate"),
                bad("POST", "/api/command", "{\"command\": \"status\", \"nodes\": []}", 422, "nodes"),
                bad("POST", "/api/command", "{\"command\": \"status\", \"nodes\": [\"bad name!\"]}", 422, "node name"),
                bad("POST", "/api/command", "{\"command\": \"status\", \"nodes\": [\"ghost\"]}", 404, "ghost"),
                bad("POST", "/api/command", "{\"command\": \"status\", \"nodes\": \"bad-1\"}", 422, "nodes"),
                bad("POST", "/api/command", "{\"command\": \"status\", \"properties\": \"name\"}", 422, "properties"),
                bad("POST", "/api/command", "{\"command\": \"status\", \"nodez\": [\"bad-1\"]}", 422, "nodez"),
                bad("POST", "/api/command", "", 422, "body"),
                bad("POST", "/api/watchers", "{\"cmd\": \"sleep\"}", 422, "name"),
                bad("POST", "/api/watchers", "{\"name\": \"a:b\", \"cmd\": \"sleep\"}", 422, "watcher name"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"\"}", 422, "cmd"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"numprocesses\": -1}", 422, "numprocesses"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"numprocesses\": \"two\"}", 422, "numprocesses"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"numprocesses\": 1.5}", 422, "numprocesses"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"args\": [1, 2]}", 422, "args"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"env\": {\"A\": 1}}", 422, "env"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"start\": \"yes\"}", 422, "start"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"node\": \"ghost\"}", 404, "ghost"),
                bad("POST", "/api/watchers", "{\"name\": \"w\", \"cmd\": \"x\", \"node\": \"no.dots\"}", 422, "node"),
                bad("GET", "/api/nodes/ghost", null, 404, "ghost"),
                bad("GET", "/api/nodes/no.dots", null, 422, "node name"),
                bad("POST", "/api/nodes/ghost/rename", "{\"name\": \"new-name\"}", 404, "ghost"),
                bad("POST", "/api/nodes/bad-1/rename", "{\"name\": \"has space\"}", 422, "name"),
                bad("POST", "/api/nodes/bad-1/rename", "{}", 422, "name"),
                bad("POST", "/api/nodes/bad-1/rename", "{\"name\": \"bad-1\"}", 422, "already called"),
                bad("POST", "/api/watchers/web/incr?nb=-1", null, 422, "nb"),
                bad("POST", "/api/watchers/web/incr?nb=abc", null, 422, "nb"),
                bad("POST", "/api/watchers/web/start?nb=2", null, 422, "nb"),
                bad("POST", "/api/watchers/web/explode", null, 404, "explode"),
                bad("POST", "/api/watchers/web/start?node=ghost", null, 404, "ghost"),
                bad("POST", "/api/watchers/web/start?node=no.dots", null, 422, "node"),
                bad("POST", "/api/watchers/nothing/start", null, 404, "nothing"),
                bad("DELETE", "/api/watchers/nothing?node=bad-1", null, 404, "nothing"),
                bad("GET", "/api/nothing-here", null, 404, ""));
    }

    private static Arguments bad(String method, String path, String body, int status, String mentions) {
        return Arguments.of(method, path, body, status, mentions);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void answersWithAClientErrorThatSaysWhatWasWrong(String method, String path, String body, int status, String mentions) {
        Response response = MANAGER.api().send(method, path, Optional.ofNullable(body));

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json();
        assertThat(error.path("code").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank().containsIgnoringCase(mentions).doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTypes")
    void refusesBodiesThatAreNotJson(String contentType) {
        Response response = MANAGER.api().send("POST", "/api/command", "command=status", contentType);
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.json().path("message").asText()).isNotBlank();
    }

    static Stream<String> contentTypes() {
        return Stream.of("text/plain", "application/x-www-form-urlencoded");
    }
}
