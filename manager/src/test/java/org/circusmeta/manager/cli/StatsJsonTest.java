package org.circusmeta.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsJsonTest {
    @Test
    void readsNodesAndWatchersKeyedByName() {
        Json stats = Json.tryParse("{\"nodes\": {\"b\": {\"cpu\": 1.5, \"mem\": 0.2, \"processes\": 2,"
                + " \"watchers\": {\"web\": {\"cpu\": 1.5, \"mem\": 0.2, \"processes\": 2}}}, \"a\": {\"cpu\": 0, \"mem\": 0,"
                + " \"processes\": 0, \"watchers\": {}}}, \"totals\": {\"cpu\": 1.5, \"mem\": 0.2, \"processes\": 2}}")
                .orElseThrow();
        assertThat(StatsJson.nodes(stats)).containsOnlyKeys("a", "b");
        assertThat(StatsJson.nodes(stats).keySet()).containsExactly("a", "b");
        assertThat(StatsJson.cells(StatsJson.figures(StatsJson.nodes(stats).get("b")))).containsExactly("2", "1.5", "0.2");
        assertThat(StatsJson.watchers(StatsJson.nodes(stats).get("b"))).containsOnlyKeys("web");
        assertThat(StatsJson.cells(StatsJson.totals(stats))).containsExactly("2", "1.5", "0.2");
    }

    @Test
    void readsListsOfNamedEntriesAndFiguresUnderTotal() {
        Json stats = Json.tryParse("{\"nodes\": [{\"name\": \"a\", \"total\": {\"cpu\": 3, \"mem\": 1, \"processes\": 1},"
                + " \"watchers\": [{\"name\": \"w\", \"cpu\": 3, \"mem\": 1, \"processes\": 1}]}],"
                + " \"total\": {\"cpu\": 3, \"mem\": 1, \"processes\": 1}}").orElseThrow();
        Json a = StatsJson.nodes(stats).get("a");
        assertThat(StatsJson.cells(StatsJson.figures(a))).containsExactly("1", "3.0", "1.0");
        assertThat(StatsJson.watchers(a)).containsOnlyKeys("w");
        assertThat(StatsJson.cells(StatsJson.totals(stats))).containsExactly("1", "3.0", "1.0");
        assertThat(StatsJson.totals(Json.tryParse("{\"nodes\": {}}").orElseThrow()).isMissing()).isTrue();
    }
}
