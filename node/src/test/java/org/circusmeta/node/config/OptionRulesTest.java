package org.circusmeta.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.Test;

class OptionRulesTest {

    @Test
    void refusesWithCircusdMessages() {
        assertThat(OptionRules.check("numprocesses", json("\"3\""))).contains("'numprocesses' isn't an integer");
        assertThat(OptionRules.check("warmup_delay", json("\"1\""))).contains("'warmup_delay' isn't a number");
        assertThat(OptionRules.check("uid", json("1.5"))).contains("'uid' isn't an integer or string");
        assertThat(OptionRules.check("shell", json("1"))).contains("'shell' isn't a valid boolean");
        assertThat(OptionRules.check("env", json("[1]"))).contains("'env' isn't a valid object");
        assertThat(OptionRules.check("env", json("{\"A\": 1}"))).contains("'A' isn't a string");
        assertThat(OptionRules.check("stdout_stream", json("{}"))).contains("'stdout_stream' must have a 'class' key");
        assertThat(OptionRules.check("bogus", json("1"))).contains("unknown key 'bogus'");
        assertThat(OptionRules.check("autostart", json("false"))).contains("unknown key 'autostart'");
        assertThat(OptionRules.check("numprocesses", json("3"))).isEmpty();
        assertThat(OptionRules.check("stdout_stream.class", json("\"FileStream\""))).isEmpty();
    }

    @Test
    void setConvertsAsCircusdAndSaysWhatFollows() {
        WatcherSpec spec = WatcherSpec.defaults("w", "sleep 1", json("\"\""), "/tmp");

        OptionRules.Applied timeout = OptionRules.set(spec, "graceful_timeout", json("4"));
        assertThat(timeout.spec().options().get("graceful_timeout").isDouble()).isTrue();
        assertThat(timeout.followUp()).isEqualTo(OptionRules.FollowUp.MANAGE);
        assertThat(OptionRules.set(spec, "env", json("{\"A\": \"b\"}")).followUp()).isEqualTo(OptionRules.FollowUp.RELOAD);
        assertThat(OptionRules.set(spec, "respawn", json("false")).spec().respawn()).isTrue();
    }

    private static JsonNode json(String text) {
        return CircusJson.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
