package org.circusmeta.registration.ini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IniSectionTest {

    @Test
    void keepsOptionNamesAsWrittenForEnvironmentSections() {
        CircusIni ini = CircusIni.parse("[env:worker]\nGREETING = hello\nWorker_Mode = batch\n", "test.ini");

        IniSection env = ini.section("env:worker").orElseThrow();

        assertThat(env.optionsAsWritten()).containsExactly(
                java.util.Map.entry("GREETING", "hello"), java.util.Map.entry("Worker_Mode", "batch"));
        assertThat(env.get("greeting")).contains("hello");
    }
}
