package org.circusmeta.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsSampleTest {

    @Test
    void parsesEveryRecordedSample() {
        List<JsonNode> samples = Vectors.statsSamples();
        assertThat(samples).isNotEmpty();
        for (JsonNode recorded : samples) {
            String topic = recorded.get("topic").asText();
            JsonNode body = recorded.get("body");
            StatsSample sample = StatsSample.parse(topic, CircusJson.write(body));
            String[] parts = topic.split("\\.");
            assertThat(sample.watcher()).as(topic).isEqualTo(parts[1]);
            assertThat(sample.topic()).isEqualTo(topic);
            assertThat(sample.body()).isEqualTo(body);
            assertThat(sample.bodyBytes()).isEqualTo(CircusJson.write(body));
            if (parts.length == 3) {
                assertThat(sample.subtopic()).as(topic).contains(parts[2]);
                assertThat(sample.isAggregate()).isFalse();
                assertThat(sample.pid()).hasValue(Long.parseLong(parts[2]));
                assertThat(sample.processCount()).isOne();
                assertThat(body.get("subtopic").asLong()).isEqualTo(Long.parseLong(parts[2]));
            } else {
                assertThat(sample.subtopic()).as(topic).isEmpty();
                assertThat(sample.isAggregate()).isTrue();
                assertThat(sample.pid()).isEmpty();
            }
        }
    }

    @Test
    void readsFiguresOfAWatcherAggregate() {
        JsonNode recorded = Vectors.statsSamples().stream()
                .filter(s -> s.get("topic").asText().equals("stat.sleeper")).findFirst().orElseThrow();
        StatsSample sample = StatsSample.parse("stat.sleeper", CircusJson.write(recorded.get("body")));
        assertThat(sample.processCount()).isEqualTo(recorded.get("body").get("pid").size());
        assertThat(sample.figure("cpu")).contains(recorded.get("body").get("cpu").doubleValue());
        assertThat(sample.figure("mem")).contains(recorded.get("body").get("mem").doubleValue());
        assertThat(sample.figure("nothing")).isEmpty();
        StatsSample na = StatsSample.parse("stat.web", bytes("{\"pid\": [], \"cpu\": \"N/A\", \"mem\": 0.0, \"age\": 1.5}"));
        assertThat(na.figure("cpu")).isEmpty();
        assertThat(na.processCount()).isZero();
    }

    @Test
    void knowsTheRecordedWatchersIncludingCircusSocketsAndAQualifiedOne() {
        Set<String> watchers = Vectors.statsSamples().stream()
                .map(s -> StatsSample.parse(s.get("topic").asText(), CircusJson.write(s.get("body"))).watcher())
                .collect(Collectors.toSet());
        assertThat(watchers).contains("circus", "sockets", "sleeper", "worker", "node1:web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stat.", "stat", "watcher.web.spawn", "stat.a.b.c", "stat..1", "stat.web.", "stat.web..1", ""})
    void refusesTopicsOfAnotherForm(String topic) {
        assertThatThrownBy(() -> StatsSample.parse(topic, bytes("{\"cpu\": 1.0}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("'" + topic + "'");
    }

    @Test
    void refusesABodyThatIsNotAJsonObject() {
        assertThatThrownBy(() -> StatsSample.parse("stat.web", bytes("nope"))).isInstanceOf(MalformedMessageException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
