package org.circusmeta.manager.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord.Copy;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.Test;

class ClusterWatcherRecordTest {
    static final Instant AT = Instant.parse("2026-11-26T01:02:03.456Z");

    static WatcherDefinition definition(String name) {
        ObjectNode spec = CircusJson.object().put("cmd", "sleep");
        spec.putArray("args").add("60");
        spec.putObject("options").put("numprocesses", 2);
        spec.put("start", true);
        return WatcherDefinition.read(name, spec, Map.of("zone", "eu"));
    }

    static Copy copy(String node) {
        return new Copy(node, AT, "mgr:8080", "lowest load");
    }

    /** A watcher of one copy on {@code node}, moved off {@code movedFrom}. */
    static ClusterWatcherRecord record(String name, String node, String... movedFrom) {
        return new ClusterWatcherRecord(definition(name), Instances.ONE, Optional.empty(), false, List.of(copy(node)),
                List.of(movedFrom), List.of(), false);
    }

    static ClusterWatcherRecord copies(String name, Instances instances, String... nodes) {
        return ClusterWatcherRecord.of(definition(name), instances, Optional.of("zone"), false,
                List.of(nodes).stream().map(ClusterWatcherRecordTest::copy).toList());
    }

    @Test
    void roundTripsThroughItsJson() {
        ClusterWatcherRecord web = record("Web", "n3", "n1");
        String json = new String(web.toBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"name\": \"Web\"", "\"node\": \"n3\"", "\"moved_from\": [\"n1\"]", "\"instances\": 1",
                "\"placed_at\": \"2026-11-26T01:02:03.456Z\"", "\"constraints\": {\"zone\": \"eu\"}", "\"pinned\": false");
        assertThat(ClusterWatcherRecord.parse(web.toBytes())).contains(web);
        assertThat(web.key()).isEqualTo("web");
        assertThat(web.numprocesses()).isEqualTo(2);
        assertThat(web.addRequest().properties().path("name").asText()).isEqualTo("Web");

        ClusterWatcherRecord all = copies("api", Instances.ALL, "n1", "n2").failedOn("n4", AT, "refused").markedRemoving();
        String allJson = new String(all.toBytes(), StandardCharsets.UTF_8);
        assertThat(allJson).contains("\"instances\": \"all\"", "\"spread\": \"zone\"", "\"removing\": true", "\"failures\"")
                .doesNotContain("\"node\": \"n1\", \"spec\"");
        assertThat(ClusterWatcherRecord.parse(all.toBytes())).contains(all);
    }

    @Test
    void readsARecordOfOneNodeAsOneCopyThere() {
        String old = "{\"name\": \"web\", \"node\": \"n3\", \"spec\": {\"cmd\": \"sleep\", \"options\": {}, \"start\": true},"
                + " \"constraints\": {}, \"placed_at\": \"2026-11-26T01:02:03.456Z\", \"placed_by\": \"mgr-1:8080\","
                + " \"reason\": \"lowest load\", \"moved_from\": [\"n1\"]}";
        ClusterWatcherRecord read = ClusterWatcherRecord.parse(old.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(read.copies()).containsExactly(new Copy("n3", AT, "mgr-1:8080", "lowest load"));
        assertThat(read.instances()).isEqualTo(Instances.ONE);
        assertThat(read.pinned()).isFalse();
        assertThat(read.movedFrom()).containsExactly("n1");
    }

    @Test
    void aMoveRemembersTheOldNodeUntilItsCopyIsGone() {
        ClusterWatcherRecord moved = record("web", "n1").movedTo("n1", copy("n2")).movedTo("n2", copy("n1"));
        assertThat(moved.nodes()).containsExactly("n1");
        assertThat(moved.movedFrom()).containsExactly("n2");
        assertThat(moved.withoutCopiesOn(List.of("n2")).movedFrom()).isEmpty();
    }

    @Test
    void neverRecordsTwoCopiesOnOneNode() {
        ClusterWatcherRecord twice = copies("web", Instances.of(3), "n1", "n2").withCopy(copy("n1"));
        assertThat(twice.nodes()).containsExactly("n1", "n2");
        assertThat(copies("web", Instances.of(2), "n1", "n2").renamed("n1", "n2").nodes()).containsExactly("n2");
    }

    @Test
    void aRenameCarriesTheCopiesAndTheStaleOnesToTheNewName() {
        ClusterWatcherRecord renamed = copies("web", Instances.of(2), "old", "n2").withoutCopy("n2", true)
                .withCopy(copy("n3")).renamed("old", "new").renamed("n2", "n2b");
        assertThat(renamed.nodes()).containsExactly("new", "n3");
        assertThat(renamed.movedFrom()).containsExactly("n2b");
    }

    @Test
    void backsOffOneSecondDoublingToFiveMinutes() {
        ClusterWatcherRecord r = copies("web", Instances.of(2), "n1");
        assertThat(r.retryAt()).isEmpty();
        ClusterWatcherRecord once = r.failedOn("n2", AT, "refused");
        assertThat(once.retryAt()).contains(AT.plusSeconds(1));
        assertThat(once.failedOn("n3", AT, "refused").failedOn("n4", AT, "refused").retryAt()).contains(AT.plusSeconds(4));
        ClusterWatcherRecord many = r;
        for (int i = 0; i < 25; i++) {
            many = many.failedOn("n" + i, AT, "refused");
        }
        assertThat(many.retryAt()).contains(AT.plus(Duration.ofMinutes(5)));
        assertThat(many.failures()).hasSize(ClusterWatcherRecord.FAILURES_KEPT);
        assertThat(many.started().retryAt()).isEmpty();
        assertThat(once.failedNodes()).containsExactly("n2");
    }

    @Test
    void rejectsWhatIsNotARecord() {
        assertThat(ClusterWatcherRecord.parse("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ClusterWatcherRecord.parse("{\"name\": \"w\", \"node\": \"n\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ClusterWatcherRecord.parse(("{\"name\": \"w\", \"copies\": [], \"instances\": 0, \"spec\": {\"cmd\": \"x\"}}")
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
