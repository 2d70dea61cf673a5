package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextTest {
    @Test
    void readsTypedSamplesWithTheirLabels() {
        var samples = PrometheusText.parse("""
                # HELP up Whether it is up
                # TYPE up gauge
                up{node="a",state="x \\"q\\"",} 1.0
                up 0
                # TYPE t summary
                t{quantile="0.5",} NaN
                t_count 3.0
                """);

        assertThat(samples).containsExactly(
                new PrometheusText.Sample("up", Map.of("node", "a", "state", "x \\\"q\\\""), 1.0),
                new PrometheusText.Sample("up", Map.of(), 0),
                new PrometheusText.Sample("t", Map.of("quantile", "0.5"), Double.NaN),
                new PrometheusText.Sample("t_count", Map.of(), 3.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "untyped_sample 1",
        "# TYPE a gauge\na{node=\"x\"} one",
        "# TYPE a gauge\na{node=x} 1",
        "# TYPE a gauge\na{node=\"x\",node=\"y\"} 1",
        "# TYPE a gauge\n# TYPE a gauge",
        "# TYPE a gauge\na-b 1",
        "# comment that is neither HELP nor TYPE"
    })
    void refusesWhatIsNotTheFormat(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse(text));
    }
}
