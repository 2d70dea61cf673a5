package org.circusmeta.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsJsonTest {
    @Test
    void readsNodesAndWatchersByNameAndTheTotals() {
        Json stats = Json.tryParse("{\"nodes\": {\"b\": {\"cpu\": 1.5, \"mem\": 0.2, \"processes\": 2, \"sampled_at\": \"x\","
                + " \"watchers\": {\"web\": {\"cpu\": 1.5, \"mem\": 0.2, \"processes\": 2}}}, \"a\": {\"cpu\": 0, \"mem\": 0,"
                + " \"processes\": 0, \"watchers\": {}}}, \"watchers\": {}, \"totals\": {\"cpu\": 1.5, \"mem\": 0.25,"
                + " \"processes\": 2}}").orElseThrow();
        assertThat(StatsJson.nodes(stats).keySet()).containsExactly("a", "b");
        assertThat(StatsJson.cells(StatsJson.nodes(stats).get("b"))).containsExactly("2", "1.5", "0.2");
        assertThat(StatsJson.watchers(StatsJson.nodes(stats).get("b"))).containsOnlyKeys("web");
        assertThat(StatsJson.cells(StatsJson.totals(stats))).containsExactly("2", "1.5", "0.3");
    }

    @Test
    void showsDashesForWhatIsNotThere() {
        Json empty = Json.tryParse("{}").orElseThrow();
        assertThat(StatsJson.nodes(empty)).isEmpty();
        assertThat(StatsJson.cells(StatsJson.totals(empty))).containsExactly("-", "-", "-");
    }
}
