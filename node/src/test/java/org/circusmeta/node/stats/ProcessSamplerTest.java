package org.circusmeta.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
    private static final long SECOND = 1_000_000_000L;

    private static ProcessSample sample(long pid, double cpuSeconds, double createTime) {
        return new ProcessSample(pid, 1024, 2048, cpuSeconds, cpuSeconds, "root", 0, createTime, "sleep");
    }

    @Test
    void cpuIsTheShareOfOneCoreSinceThePreviousSample() {
        ProcessSampler sampler = new ProcessSampler();

        assertThat(sampler.cpuPercent(sample(42, 10.0, 100.0), SECOND)).isZero();
        assertThat(sampler.cpuPercent(sample(42, 10.5, 100.0), 2 * SECOND)).isEqualTo(50.0);
    }

    @Test
    void aPidTakenByAnotherProcessStartsAfresh() {
        ProcessSampler sampler = new ProcessSampler();
        sampler.cpuPercent(sample(42, 10.0, 100.0), SECOND);

        assertThat(sampler.cpuPercent(sample(42, 10.7, 150.0), 2 * SECOND)).as("a new process, not 70%").isZero();
        assertThat(sampler.cpuPercent(sample(42, 0.2, 160.0), 3 * SECOND)).as("a new process, not -1050%").isZero();
        assertThat(sampler.cpuPercent(sample(42, 0.45, 160.0), 4 * SECOND)).isEqualTo(25.0);
    }
}
