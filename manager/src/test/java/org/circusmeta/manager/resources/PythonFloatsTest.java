package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonFloatsTest {
    private final ObjectMapper mapper = Jackson.newObjectMapper().registerModule(new PythonFloats());

    @Test
    void writesReplyFiguresAsCircusdDoesAllTheWayDown() throws Exception {
        ObjectNode reply = mapper.createObjectNode();
        reply.put("status", "ok").put("time", 1795657655.4095259);
        reply.putObject("info").putArray("samples").addObject().put("cpu", 0.0).put("mem", 0.006).put("pid", 42);
        String json = mapper.writeValueAsString(Map.of("results", Map.of("web-01", reply)));
        assertThat(json)
                .contains("\"time\":1795657655.4095259")
                .contains("\"cpu\":0.0")
                .contains("\"mem\":0.006")
                .contains("\"pid\":42")
                .doesNotContain("E9");
    }

    @Test
    void leavesTheTreeUnchangedWhenReadBack() throws Exception {
        ObjectNode reply = mapper.createObjectNode().put("time", 1.7956576554095259E9).put("n", 3).put("s", "x");
        assertThat(mapper.readTree(mapper.writeValueAsString(reply))).isEqualTo(reply);
    }
}
