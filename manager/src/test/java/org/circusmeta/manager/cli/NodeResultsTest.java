package org.circusmeta.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NodeResultsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);

    @Test
    void succeedsWhenEveryNodeAnswered() {
        Json results = Json.tryParse("{\"a\": {\"status\": \"ok\", \"numprocesses\": 3, \"time\": 1.5},"
                + " \"bb\": {\"status\": \"active\"}}").orElseThrow();
        assertThat(NodeResults.report(results, terminal, false, n -> true)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("NODE  RESULT\na     ok numprocesses=3\nbb    active\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void failsNamingEachNodeThatDidNotAnswerAndWhatItMeans() {
        Json results = Json.tryParse("{\"a\": {\"status\": \"ok\"}, \"b\": {\"status\": \"error\", \"reason\": \"timeout\"},"
                + " \"c\": {\"status\": \"error\", \"reason\": \"program x not found\", \"errno\": 3}}").orElseThrow();
        assertThat(NodeResults.report(results, terminal, true, n -> true)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "circusmeta: node b did not answer within the manager's circus.commandTimeout",
                "circusmeta: node c answered with an error: program x not found",
                "circusmeta: 2 of 3 nodes failed: b, c");
    }
}
