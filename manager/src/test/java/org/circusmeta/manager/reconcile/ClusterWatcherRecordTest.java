package org.circusmeta.manager.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.Test;

class ClusterWatcherRecordTest {
    static ClusterWatcherRecord record(String name, String node, String... movedFrom) {
        ObjectNode spec = CircusJson.object().put("cmd", "sleep");
        spec.putArray("args").add("60");
        spec.putObject("options").put("numprocesses", 2);
        spec.put("start", true);
        return new ClusterWatcherRecord(WatcherDefinition.read(name, spec, Map.of("zone", "eu")), node,
                Instant.parse("2026-11-26T01:02:03.456Z"),
                "mgr:8080", "lowest load", List.of(movedFrom));
    }

    @Test
    void roundTripsThroughItsJson() {
        ClusterWatcherRecord web = record("Web", "n3", "n1");
        String json = new String(web.toBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"name\": \"Web\"", "\"node\": \"n3\"", "\"moved_from\": [\"n1\"]",
                "\"placed_at\": \"2026-11-26T01:02:03.456Z\"", "\"constraints\": {\"zone\": \"eu\"}");
        assertThat(ClusterWatcherRecord.parse(web.toBytes())).contains(web);
        assertThat(web.key()).isEqualTo("web");
        assertThat(web.numprocesses()).isEqualTo(2);
        assertThat(web.addRequest().properties().path("name").asText()).isEqualTo("Web");
    }

    @Test
    void aMoveRemembersTheOldNodeUntilItsCopyIsGone() {
        ClusterWatcherRecord moved = record("web", "n1").movedTo("n2", Instant.now(), "mgr", "why").movedTo("n1", Instant.now(),
                "mgr", "why");
        assertThat(moved.node()).isEqualTo("n1");
        assertThat(moved.movedFrom()).containsExactly("n2");
        assertThat(moved.withoutCopiesOn(List.of("n2")).movedFrom()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotARecord() {
        assertThat(ClusterWatcherRecord.parse("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ClusterWatcherRecord.parse("{\"name\": \"w\", \"node\": \"n\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
