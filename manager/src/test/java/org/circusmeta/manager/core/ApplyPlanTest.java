package org.circusmeta.manager.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.Test;

class ApplyPlanTest {
    private final TreeMap<String, ClusterRecords.Stored> records = new TreeMap<>();

    private static WatcherDefinition definition(String name, String sleep) {
        ObjectNode spec = CircusJson.object().put("cmd", "sleep " + sleep);
        spec.putObject("options").put("numprocesses", 2);
        spec.put("start", true);
        return WatcherDefinition.read(name, spec, Map.of("tier", "web"));
    }

    private static AddWatcher desired(String name, String sleep, Instances instances) {
        return AddWatcher.placed(definition(name, sleep), instances, Optional.empty(), false);
    }

    private void record(String name, String sleep, Instances instances, boolean pinned) {
        ClusterWatcherRecord r = ClusterWatcherRecord.of(definition(name, sleep), instances, Optional.empty(), pinned,
                List.of(new ClusterWatcherRecord.Copy("web-01", Instant.EPOCH, "mgr", "why")));
        records.put(r.key(), new ClusterRecords.Stored(r, 1));
    }

    @Test
    void addsWhatHasNoRecordLeavesWhatIsTheSameAndSaysWhatChanged() {
        record("same", "60", Instances.ONE, false);
        record("cmd", "60", Instances.ONE, false);
        record("count", "60", Instances.ONE, false);
        record("extra", "60", Instances.ONE, false);
        record("pinned-elsewhere", "60", Instances.ONE, true);
        ApplyState state = new ApplyState(List.of(desired("new", "60", Instances.ONE), desired("same", "60", Instances.ONE),
                desired("cmd", "61", Instances.ONE), desired("count", "60", Instances.of(3))), true, false);

        ApplyPlan plan = ApplyPlan.of(state, records);

        assertThat(plan.entries()).extracting(ApplyPlan.Entry::watcher).containsExactly("new", "same", "cmd", "count",
                "extra");
        assertThat(plan.entries()).extracting(ApplyPlan.Entry::kind).containsExactly(ApplyPlan.Kind.ADD,
                ApplyPlan.Kind.UNCHANGED, ApplyPlan.Kind.CHANGE, ApplyPlan.Kind.CHANGE, ApplyPlan.Kind.REMOVE);
        assertThat(plan.entries().get(2).what()).contains("cmd changed");
        assertThat(ApplyPlan.onlyCount(plan.entries().get(2))).isFalse();
        assertThat(ApplyPlan.onlyCount(plan.entries().get(3))).isTrue();
        assertThat(ApplyPlan.of(new ApplyState(state.watchers(), false, false), records).of(ApplyPlan.Kind.REMOVE))
                .as("without prune").isEmpty();
    }

    @Test
    void takesACommandWithItsArgumentsAsTheSameCommandLineWrittenEitherWay() {
        ObjectNode split = CircusJson.object().put("cmd", "sleep");
        split.putArray("args").add("60");
        split.putObject("options").put("numprocesses", 2);
        split.put("start", true);
        ClusterWatcherRecord r = ClusterWatcherRecord.of(WatcherDefinition.read("split", split, Map.of("tier", "web")),
                Instances.ONE, Optional.empty(), false, List.of());

        assertThat(ApplyPlan.differences(desired("split", "60", Instances.ONE), r)).isEmpty();
        assertThat(ApplyPlan.differences(desired("split", "61", Instances.ONE), r)).containsExactly("cmd");
    }

    @Test
    void refusesANameGivenTwiceOrThatOfAPinnedWatcher() {
        record("pinned", "60", Instances.ONE, true);

        assertThat(ApplyPlan.invalid(new ApplyState(List.of(desired("web", "1", Instances.ONE), desired("WEB", "1",
                Instances.ONE)), false, false), records)).get().asString().contains("WEB is given twice");
        assertThat(ApplyPlan.invalid(new ApplyState(List.of(desired("pinned", "60", Instances.ONE)), false, false),
                records)).get().asString().contains("pinned is a watcher pinned to node web-01");
        assertThat(ApplyPlan.invalid(new ApplyState(List.of(desired("web", "1", Instances.ONE)), false, false), records))
                .isEmpty();
    }
}
