package org.circusmeta.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatcherEventTest {

    /** Every pubsub message recorded: the catalogue's samples and every event seen after a request. */
    static List<JsonNode> recordedEvents() {
        List<JsonNode> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : Vectors.read("pubsub-events.json").path("catalog").properties()) {
            out.add(CircusJson.object().put("topic", entry.getValue().get("topic_example").asText())
                    .set("body", entry.getValue().get("body_example")));
        }
        Vectors.allControlExchanges().forEach(e -> out.addAll(e.events()));
        return out;
    }

    @Test
    void parsesEveryRecordedEvent() {
        List<JsonNode> events = recordedEvents();
        assertThat(events).hasSizeGreaterThan(100);
        for (JsonNode recorded : events) {
            String topic = recorded.get("topic").asText();
            WatcherEvent event = WatcherEvent.parse(topic, CircusJson.write(recorded.get("body")));
            String[] parts = topic.split("\\.");
            assertThat(parts).as(topic).hasSize(3);
            assertThat(event.watcher()).as(topic).isEqualTo(parts[1]);
            assertThat(event.event()).as(topic).isEqualTo(parts[2]);
            assertThat(event.topic()).isEqualTo(topic);
            assertThat(event.body()).isEqualTo(recorded.get("body"));
            assertThat(event.bodyBytes()).isEqualTo(CircusJson.write(recorded.get("body")));
            assertThat(event.time()).contains(recorded.get("body").get("time").doubleValue());
            if (recorded.get("body").has("process_pid")) {
                assertThat(event.pid()).hasValue(recorded.get("body").get("process_pid").longValue());
            } else {
                assertThat(event.pid()).isEmpty();
            }
        }
    }

    @Test
    void coversEveryEventNameOfTheCatalogue() {
        List<String> names = recordedEvents().stream()
                .map(e -> WatcherEvent.parse(e.get("topic").asText(), CircusJson.write(e.get("body"))).event())
                .distinct().toList();
        assertThat(names).containsAll(List.of("spawn", "reap", "kill", "start", "stop", "reload", "updated", "add",
                "remove", "hook_success", "hook_failure"));
    }

    @Test
    void keepsAQualifiedWatcherName() {
        WatcherEvent e = WatcherEvent.parse("watcher.node1:web.spawn", bytes("{\"process_pid\": 11483, \"time\": 1.5}"));
        assertThat(e.watcher()).isEqualTo("node1:web");
        assertThat(e.event()).isEqualTo("spawn");
        assertThat(e.pid()).hasValue(11483);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stat.web", "watcher.", "watcher.web", "watcher..spawn", "watcher.web.", "Watcher.web.spawn", ""})
    void refusesTopicsOfAnotherForm(String topic) {
        assertThatThrownBy(() -> WatcherEvent.parse(topic, bytes("{\"time\": 1.0}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("'" + topic + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "", "\"spawn\""})
    void refusesBodiesThatAreNotAJsonObject(String body) {
        assertThatThrownBy(() -> WatcherEvent.parse("watcher.web.spawn", bytes(body)))
                .isInstanceOf(MalformedMessageException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
