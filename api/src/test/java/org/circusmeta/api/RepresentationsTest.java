package org.circusmeta.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each representation read from the JSON the manager answers with (the README's examples) and
 * written back to the same JSON: the wire format is the records' and nothing else.
 */
class RepresentationsTest {
    private static final ObjectMapper MAPPER = ApiJson.mapper();

    @ParameterizedTest
    @CsvSource({
        "node.json, org.circusmeta.api.NodeView",
        "node-invalid.json, org.circusmeta.api.NodeView",
        "node-detail.json, org.circusmeta.api.NodeView",
        "watcher.json, org.circusmeta.api.WatcherView",
        "watcher-copies.json, org.circusmeta.api.WatcherView",
        "added-copies.json, org.circusmeta.api.AddedWatcher",
        "add-watcher-copies.json, org.circusmeta.api.AddWatcherRequest",
        "scale.json, org.circusmeta.api.ScaleRequest",
        "scaled.json, org.circusmeta.api.ScaledWatcher",
        "command-results-pending.json, org.circusmeta.api.CommandResults",
        "added.json, org.circusmeta.api.AddedWatcher",
        "command-results.json, org.circusmeta.api.CommandResults",
        "rename.json, org.circusmeta.api.RenameAccepted",
        "stats.json, org.circusmeta.api.StatsView",
        "event.json, org.circusmeta.api.EventView",
        "add-watcher.json, org.circusmeta.api.AddWatcherRequest",
        "error.json, org.circusmeta.api.ApiError",
        "cordon.json, org.circusmeta.api.EligibilityChanged",
        "restart-rolling.json, org.circusmeta.api.RestartRequest",
        "drain.json, org.circusmeta.api.DrainRequest",
        "operation.json, org.circusmeta.api.OperationView",
        "operation-event.json, org.circusmeta.api.OperationEvent",
        "log-line.json, org.circusmeta.api.LogLineView",
        "log-notice.json, org.circusmeta.api.LogNotice",
    })
    void roundTripsTheManagersJson(String fixture, Class<?> type) throws IOException {
        JsonNode json = fixture(fixture);
        Object read = MAPPER.treeToValue(json, type);
        JsonNode written = MAPPER.valueToTree(read);
        assertThat(written).as(fixture).isEqualTo(json);
    }

    @Test
    void readsANodesFieldsByTheirWireNames() throws IOException {
        NodeView node = MAPPER.treeToValue(fixture("node-detail.json"), NodeView.class);
        assertThat(node.pubsubEndpoint()).isEqualTo("tcp://127.0.0.1:44923");
        assertThat(node.registeredAt()).isEqualTo(Instant.parse("2026-11-26T04:39:34Z"));
        assertThat(node.load().processes()).isEqualTo(3);
        assertThat(node.reason()).isNull();
        assertThat(node.watchers()).extracting(NodeView.NodeWatcher::name).containsExactly("web", "cache");
    }

    @Test
    void readsARestartBodyWithHealthyForAsTheSpecWritesItToo() throws IOException {
        RestartRequest camel = MAPPER.readValue("{\"rolling\": true, \"healthyFor\": \"2s\"}", RestartRequest.class);
        assertThat(camel.healthyFor()).isEqualTo("2s");
        assertThat(MAPPER.valueToTree(camel).has("healthy_for")).isTrue();
    }

    @Test
    void readsADrainBodyWithMaxParallelAsTheSpecWritesItToo() throws IOException {
        DrainRequest camel = MAPPER.readValue("{\"maxParallel\": 3}", DrainRequest.class);
        assertThat(camel.maxParallel()).isEqualTo(3);
        assertThat(MAPPER.valueToTree(camel).has("max_parallel")).isTrue();
    }

    @Test
    void namesEachStepsNodeAndSaysWhetherTheOperationRuns() throws IOException {
        OperationView operation = MAPPER.treeToValue(fixture("operation.json"), OperationView.class);
        assertThat(operation.steps()).extracting(OperationView.Step::subject).containsExactly("web-01", "web-02", "worker-01");
        assertThat(operation.isRunning()).isFalse();
        assertThat(MAPPER.valueToTree(operation).has("running")).isFalse();
    }

    @Test
    void writesWatchersOnlyForANodeThatWasAsked() throws IOException {
        NodeView listed = MAPPER.treeToValue(fixture("node.json"), NodeView.class);
        assertThat(listed.watchers()).isNull();
        JsonNode withEmpty = MAPPER.valueToTree(listed.withWatchers(List.of()));
        assertThat(withEmpty.path("watchers").isArray()).isTrue();
    }

    @Test
    void ignoresFieldsANewerManagerAdds() throws IOException {
        JsonNode json = fixture("added.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("zones", 3);
        assertThat(MAPPER.treeToValue(json, AddedWatcher.class).node()).isEqualTo("web-01");
    }

    @Test
    void commandResultsKeepTheNodesOrderAndSayWhetherAllAnsweredOk() throws IOException {
        CommandResults results = MAPPER.treeToValue(fixture("command-results.json"), CommandResults.class);
        assertThat(results.results().keySet()).containsExactly("web-01", "worker-01");
        assertThat(results.allOk()).isFalse();
    }

    @Test
    void argsAreAStringOrAListOfStrings() {
        assertThat(request(TextNode.valueOf("-c 1")).isArgsAStringOrAList()).isTrue();
        assertThat(request(MAPPER.createArrayNode().add("600")).isArgsAStringOrAList()).isTrue();
        assertThat(request(MAPPER.createArrayNode().add(600)).isArgsAStringOrAList()).isFalse();
        assertThat(request(MAPPER.createObjectNode()).isArgsAStringOrAList()).isFalse();
        assertThat(request(null).isArgsAStringOrAList()).isTrue();
    }

    @Test
    void instancesAreACountOfAtLeastOneOrAll() {
        assertThat(InstancesValue.isValid(InstancesValue.of(3))).isTrue();
        assertThat(InstancesValue.isValid(InstancesValue.all())).isTrue();
        assertThat(InstancesValue.isValid(null)).isTrue();
        assertThat(InstancesValue.isValid(InstancesValue.of(0))).isFalse();
        assertThat(InstancesValue.isValid(TextNode.valueOf("some"))).isFalse();
        assertThat(InstancesValue.isValid(MAPPER.getNodeFactory().numberNode(1.5))).isFalse();
        assertThat(InstancesValue.parse("all")).isEqualTo(InstancesValue.all());
        assertThat(InstancesValue.parse(" 4")).isEqualTo(InstancesValue.of(4));
        assertThat(InstancesValue.isValid(InstancesValue.parse("four"))).isFalse();
    }

    @Test
    void aPinnedWatcherHasOneCopy() {
        AddWatcherRequest pinned = new AddWatcherRequest("w", "sleep", null, null, null, null, null, "web-01", null, null,
                InstancesValue.of(2), null);
        assertThat(pinned.isPinnedWithoutCopies()).isFalse();
        assertThat(new AddWatcherRequest("w", "sleep", null, null, null, null, null, "web-01", null, null,
                InstancesValue.of(1), null).isPinnedWithoutCopies()).isTrue();
    }

    private static AddWatcherRequest request(JsonNode args) {
        return new AddWatcherRequest("w", "sleep", args, null, null, null, null, null, null, null);
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RepresentationsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return MAPPER.readTree(in);
        }
    }
}
