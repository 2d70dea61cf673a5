package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.ApiJson;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watchers the manager adds to a real circusd (a node registered by its agent, {@code kind: circusd})
 * get file streams its agent can read, unless the request names its own; a circusmeta-node gets them as
 * asked. The circusd is a fake that records what it is sent (no circusd runs in the build); the
 * circusmeta-node is real.
 */
@Timeout(60)
class WatcherOutputFilesIT {
    private static final Path files = tempDirectory();

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(ConfigOverride.config("circus.logs.fileDirectory",
            () -> files.toString()), ConfigOverride.config("circus.logs.fileMaxBytes", "1MiB"),
            ConfigOverride.config("circus.logs.fileBackups", "3"));

    private static FakeNode agent;

    @BeforeAll
    static void startNodes() {
        agent = MANAGER.fakeNode("agent-01", new FakeCircusd()).register();
        MANAGER.realNodes("files").start("plain-01", "");
        MANAGER.awaitAttached(List.of("agent-01", "plain-01"), Duration.ofSeconds(30));
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("watcher-output-files-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (var all = Files.walk(files)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final ManagerClient api = MANAGER.api();

    private static AddWatcherRequest pinned(String name, String node, ObjectNode options) {
        return new AddWatcherRequest(name, "sleep 600", null, null, null, null, options, node, null, true);
    }

    private static ObjectNode addSentTo(FakeNode node, String watcher) {
        return node.peer().received().stream().filter(r -> r.command().equals("add")).map(r -> r.json().orElseThrow())
                .filter(j -> j.path("properties").path("name").asText().equals(watcher)).map(j -> (ObjectNode) j)
                .reduce((first, second) -> second).orElseThrow();
    }

    private static JsonNode file(String node, String watcher, String stream) {
        return ApiJson.mapper().createObjectNode().put("class", "FileStream")
                .put("filename", files + "/" + node + "." + watcher + "." + stream + ".log").put("max_bytes", 1 << 20)
                .put("backup_count", 3);
    }

    @Test
    void aWatcherAddedToARealCircusdWritesBothOutputsToFilesItsAgentReads() {
        api.answer(ApiCall.add(pinned("to-files", "agent-01", null)));

        JsonNode options = addSentTo(agent, "to-files").path("properties").path("options");
        assertThat(options.path("stdout_stream")).isEqualTo(file("agent-01", "to-files", "stdout"));
        assertThat(options.path("stderr_stream")).isEqualTo(file("agent-01", "to-files", "stderr"));
    }

    @Test
    void aStreamTheRequestNamesIsLeftAsItIs() {
        ObjectNode own = ApiJson.mapper().createObjectNode();
        own.putObject("stdout_stream").put("class", "StdoutStream");
        own.put("stderr_stream.class", "StdoutStream");
        api.answer(ApiCall.add(pinned("own-streams", "agent-01", own)));

        JsonNode options = addSentTo(agent, "own-streams").path("properties").path("options");
        assertThat(options.path("stdout_stream").path("class").asText()).isEqualTo("StdoutStream");
        assertThat(options.has("stderr_stream")).isFalse();
        assertThat(options.path("stderr_stream.class").asText()).isEqualTo("StdoutStream");

        ObjectNode onlyOut = ApiJson.mapper().createObjectNode();
        onlyOut.putObject("stdout_stream").put("class", "StdoutStream");
        api.answer(ApiCall.add(pinned("half-own", "agent-01", onlyOut)));
        assertThat(addSentTo(agent, "half-own").path("properties").path("options").path("stderr_stream"))
                .isEqualTo(file("agent-01", "half-own", "stderr"));
    }

    @Test
    void copiesOnEveryNodeGetFilesOnTheCircusdOnlyAndACircusmetaNodeServesItsOwnLines() throws IOException {
        api.answer(ApiCall.add(new AddWatcherRequest("everywhere", "sh", ApiJson.mapper().valueToTree(
                List.of("-c", "while true; do echo tick; sleep 0.1; done")), null, null, null, null, null, null, true,
                ApiJson.mapper().getNodeFactory().textNode("all"), null)));

        assertThat(addSentTo(agent, "everywhere").path("properties").path("options").path("stdout_stream"))
                .isEqualTo(file("agent-01", "everywhere", "stdout"));
        // The circusmeta-node reads its processes' pipes: it serves the lines, and was given no file to write.
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.answer(ApiCall.logs("everywhere", Optional.of("plain-01"), 5))
                .value().isEmpty());
        try (var written = Files.list(files)) {
            assertThat(written.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("plain-01."));
        }
    }

}
