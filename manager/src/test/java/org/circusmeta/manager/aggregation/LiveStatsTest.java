package org.circusmeta.manager.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.circusmeta.manager.nodes.LiveLoad;
import org.junit.jupiter.api.Test;

class LiveStatsTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final LiveStats live = new LiveStats(Duration.ofSeconds(5));

    @Test
    void keepsEachWatchersSummedCpuMemAndProcessesAndTheirTotals() {
        record("n1", "web", "{\"pid\": [1, 2], \"cpu\": 10.0, \"mem\": 0.5, \"age\": 3.0}", 0);
        record("n1", "worker", "{\"pid\": [3], \"cpu\": 4.0, \"mem\": 0.25, \"age\": 3.0}", 0);
        record("n2", "web", "{\"pid\": [7, 8, 9], \"cpu\": 1.0, \"mem\": 0.1, \"age\": 3.0}", 0);
        live.publish(0);

        ClusterStats stats = live.current();
        assertThat(stats.node("n1").orElseThrow().watchers().get("web")).isEqualTo(new Figures(20.0, 0.5, 2));
        assertThat(stats.node("n1").orElseThrow().total()).isEqualTo(new Figures(24.0, 0.75, 3));
        assertThat(stats.watchers().get("web").processes()).isEqualTo(5);
        assertThat(stats.watchers().get("web").cpu()).isCloseTo(23.0, within(1e-9));
        assertThat(stats.total().processes()).isEqualTo(6);
        assertThat(stats.total().cpu()).isCloseTo(27.0, within(1e-9));
        assertThat(live.usage("n2")).contains(new LiveLoad.Usage(3.0, 0.1));
        assertThat(live.usage("n3")).isEmpty();
    }

    @Test
    void readsAWatchersAggregateAtMostEveryHundredMilliseconds() {
        record("n1", "web", "{\"pid\": [1], \"cpu\": 1.0, \"mem\": 1.0}", 0);
        record("n1", "web", "{\"pid\": [1, 2], \"cpu\": 1.0, \"mem\": 1.0}", SECOND / 20);
        live.publish(SECOND / 20);
        assertThat(live.current().node("n1").orElseThrow().total().processes()).isEqualTo(1);
        record("n1", "web", "{\"pid\": [1, 2], \"cpu\": 1.0, \"mem\": 1.0}", SECOND / 5);
        live.publish(SECOND / 5);
        assertThat(live.current().node("n1").orElseThrow().total().processes()).isEqualTo(2);
    }

    @Test
    void countsFiguresSentAsNotAvailableAsZero() {
        record("n1", "web", "{\"pid\": [1], \"cpu\": \"N/A\", \"mem\": \"N/A\", \"age\": \"N/A\"}", 0);
        live.publish(0);
        assertThat(live.current().node("n1").orElseThrow().total()).isEqualTo(new Figures(0, 0, 1));
    }

    @Test
    void refusesBodiesItCannotRead() {
        assertThat(live.record("n1", "web", "not json".getBytes(StandardCharsets.UTF_8), 0)).isFalse();
        assertThat(live.record("n1", "web", "[1]".getBytes(StandardCharsets.UTF_8), 0)).isFalse();
        live.publish(0);
        assertThat(live.current().nodes()).isEmpty();
    }

    @Test
    void forgetsWatchersThatStopReportingAndNodesThatDetach() {
        record("n1", "web", "{\"pid\": [1], \"cpu\": 1.0, \"mem\": 1.0}", 0);
        record("n1", "old", "{\"pid\": [2], \"cpu\": 1.0, \"mem\": 1.0}", 0);
        record("n2", "web", "{\"pid\": [3], \"cpu\": 1.0, \"mem\": 1.0}", 0);
        record("n1", "web", "{\"pid\": [1], \"cpu\": 2.0, \"mem\": 1.0}", 4 * SECOND);
        live.publish(6 * SECOND);
        assertThat(live.current().node("n1").orElseThrow().watchers()).containsOnlyKeys("web");
        assertThat(live.current().node("n2")).isEmpty();

        live.forget("n1");
        live.publish(6 * SECOND);
        assertThat(live.current().nodes()).isEmpty();
        assertThat(live.current().total()).isEqualTo(Figures.ZERO);
    }

    private void record(String node, String watcher, String body, long at) {
        assertThat(live.record(node, watcher, body.getBytes(StandardCharsets.UTF_8), at)).isTrue();
    }
}
