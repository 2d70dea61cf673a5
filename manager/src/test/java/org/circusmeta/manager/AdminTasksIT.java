package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.circusmeta.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin port's tasks answer a bad parameter with a 4xx and a plain message saying what to pass. */
@Timeout(60)
class AdminTasksIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    @BeforeAll
    static void startNode() {
        MANAGER.realNodes("tasks-nodes").start("task-1", RealNodes.watcher("sleeper", "sleep 4331", 1));
        MANAGER.awaitAttached(List.of("task-1"), Duration.ofSeconds(30));
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                bad("circus-command", Map.of(), 400, "query parameter 'command'"),
                bad("circus-command", Map.of("command", " "), 400, "query parameter 'command'"),
                bad("circus-command", Map.of("command", "status", "node", "ghost"), 404, "no node named 'ghost'"),
                bad("circus-command", Map.of("command", "status", "node", "no.dots"), 404, "no.dots"),
                bad("circus-command", Map.of("command", "frobnicate", "node", "task-1"), 422, "frobnicate"),
                bad("attach", Map.of(), 400, "query parameter 'node'"),
                bad("detach", Map.of("node", ""), 400, "query parameter 'node'"),
                bad("attach", Map.of("node", "ghost"), 404, "no node named 'ghost'"),
                bad("detach", Map.of("node", "ghost"), 404, "no node named 'ghost'"));
    }

    private static Arguments bad(String task, Map<String, String> parameters, int status, String mentions) {
        return Arguments.of(task, parameters, status, mentions);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("badParameters")
    void answersABadParameterWithAClientErrorThatSaysWhatToPass(String task, Map<String, String> parameters,
            int status, String mentions) {
        Response response = MANAGER.admin().task(task, parameters);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).containsIgnoringCase(mentions).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void namesTheTaskAndAnExampleWhenAParameterIsMissing() {
        assertThat(MANAGER.admin().task("detach", Map.of()).body().strip()).isEqualTo("POST /tasks/detach needs the query"
                + " parameter 'node': the name of a registered node, e.g. web-01 (GET /api/nodes lists them) (?node=...)");
    }

    @Test
    void stillRunsAGoodRequest() {
        Response status = MANAGER.admin().task("circus-command", Map.of("command", "status", "node", "task-1"));

        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().path("results").path("task-1").path("status").asText()).isEqualTo("ok");
    }
}
