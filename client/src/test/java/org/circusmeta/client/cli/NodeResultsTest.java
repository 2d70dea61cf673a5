package org.circusmeta.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.circusmeta.client.RecordJson;
import org.junit.jupiter.api.Test;

class NodeResultsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);

    @Test
    void succeedsWhenEveryNodeAnswered() {
        Map<String, JsonNode> results = results("{\"a\": {\"status\": \"ok\", \"numprocesses\": 3, \"time\": 1.5},"
                + " \"bb\": {\"status\": \"active\"}}");
        assertThat(NodeResults.report(results, terminal, false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("NODE  RESULT\na     ok numprocesses=3\nbb    active\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void failsNamingEachNodeThatDidNotAnswerAndWhatItMeans() {
        Map<String, JsonNode> results = results("{\"a\": {\"status\": \"ok\"}, \"b\": {\"status\": \"error\", \"reason\":"
                + " \"timeout\"}, \"c\": {\"status\": \"error\", \"reason\": \"program x not found\", \"errno\": 3}}");
        assertThat(NodeResults.report(results, terminal, true)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "circusmeta: node b did not answer within the manager's circus.commandTimeout",
                "circusmeta: node c answered with an error: program x not found",
                "circusmeta: 2 of 3 nodes failed: b, c");
    }

    @Test
    void summarisesARepliesFieldsAsJsonWritesThem() {
        JsonNode reply = RecordJson.tree("{\"status\": \"ok\", \"watchers\": [\"a\", \"b\"], \"options\": {\"x\": 1.5},"
                + " \"name\": \"web\", \"id\": \"f3\"}");
        assertThat(NodeResults.summary(reply)).isEqualTo("ok watchers=[\"a\",\"b\"] options={\"x\":1.5} name=web");
    }

    private static Map<String, JsonNode> results(String json) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        RecordJson.tree(json).properties().forEach(e -> results.put(e.getKey(), e.getValue()));
        return results;
    }
}
