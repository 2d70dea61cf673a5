package org.circusmeta.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessInfoTest {

    @Test
    void formatsMemoryAsCircusBytes2Human() {
        assertThat(ProcessInfo.bytes2human(512)).isEqualTo("512B");
        assertThat(ProcessInfo.bytes2human(1_562_378)).isEqualTo("1.49M");
        assertThat(ProcessInfo.bytes2human(35_253_043)).isEqualTo("33.62M");
        assertThat(ProcessInfo.bytes2human(8_740_000_000L)).isEqualTo("8.14G");
    }

    @Test
    void formatsCpuTimeWithCircusQuirk() {
        assertThat(ProcessInfo.ctime(0.0)).isEqualTo("0:00.0");
        assertThat(ProcessInfo.ctime(0.1)).isEqualTo("0:00.10");
        assertThat(ProcessInfo.ctime(1.54)).isEqualTo("0:01.54");
        assertThat(ProcessInfo.ctime(0.05)).isEqualTo("0:00.50");
        assertThat(ProcessInfo.ctime(125.3)).isEqualTo("2:05.30");
    }
}
