package org.circusmeta.registration.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.Test;

class NodeRecordTest {
    /** The record of docs/registry.md, as written there. */
    static final String DOCUMENTED_EXAMPLE = """
            {
              "name": "web-01",
              "endpoint": "tcp://10.0.0.5:5555",
              "pubsub_endpoint": "tcp://10.0.0.5:5556",
              "stats_endpoint": "tcp://10.0.0.5:5557",
              "host": "web-01.example.org",
              "labels": {"zone": "eu-1"},
              "capacity": 1.0,
              "kind": "circusd",
              "version": "0.19.0",
              "registered_at": "2026-11-26T01:02:03Z"
            }""";

    private static NodeRecord.Parsed parse(String znode, String json) {
        return NodeRecord.parse(znode, json.getBytes(StandardCharsets.UTF_8));
    }

    private static NodeRecord valid(String znode, String json) {
        NodeRecord.Parsed parsed = parse(znode, json);
        assertThat(parsed).isInstanceOf(NodeRecord.Valid.class);
        return ((NodeRecord.Valid) parsed).record();
    }

    private static String reason(String znode, String json) {
        NodeRecord.Parsed parsed = parse(znode, json);
        assertThat(parsed).isInstanceOf(NodeRecord.Invalid.class);
        return ((NodeRecord.Invalid) parsed).reason();
    }

    private static String specWith(String field, String jsonValue) {
        ObjectNode json = CircusJson.readObject(DOCUMENTED_EXAMPLE.getBytes(StandardCharsets.UTF_8));
        if (jsonValue == null) {
            json.remove(field);
        } else {
            json.set(field, CircusJson.read(jsonValue.getBytes(StandardCharsets.UTF_8)));
        }
        return CircusJson.writeString(json);
    }

    @Test
    void aRecordOverTheSizeBoundIsInvalidUnread() {
        String big = specWith("labels", "{\"pad\": \"" + "x".repeat(NodeRecord.MAX_BYTES) + "\"}");
        assertThat(reason("web-01", big)).contains("more than the " + NodeRecord.MAX_BYTES);
        assertThat(parse("web-01", specWith("labels", "{\"pad\": \"" + "x".repeat(1000) + "\"}")))
                .isInstanceOf(NodeRecord.Valid.class);
    }

    @Test
    void readsTheSpecExampleAndWritesItBackUnchanged() {
        NodeRecord record = valid("web-01", DOCUMENTED_EXAMPLE);
        assertThat(record.name()).isEqualTo("web-01");
        assertThat(record.endpoint()).isEqualTo("tcp://10.0.0.5:5555");
        assertThat(record.pubsubEndpoint()).contains("tcp://10.0.0.5:5556");
        assertThat(record.statsEndpoint()).contains("tcp://10.0.0.5:5557");
        assertThat(record.host()).isEqualTo("web-01.example.org");
        assertThat(record.labels()).isEqualTo(Map.of("zone", "eu-1"));
        assertThat(record.capacity()).isEqualTo(1.0);
        assertThat(record.kind()).isEqualTo(NodeRecord.KIND_CIRCUSD);
        assertThat(record.version()).isEqualTo("0.19.0");
        assertThat(record.registeredAt()).isEqualTo(Instant.parse("2026-11-26T01:02:03Z"));
        assertThat(record.toJson()).isEqualTo(CircusJson.readObject(DOCUMENTED_EXAMPLE.getBytes(StandardCharsets.UTF_8)));
        assertThat(record.toString()).startsWith("{\"name\": \"web-01\", \"endpoint\": \"tcp://10.0.0.5:5555\", ")
                .endsWith("\"capacity\": 1.0, \"kind\": \"circusd\", \"version\": \"0.19.0\","
                        + " \"registered_at\": \"2026-11-26T01:02:03Z\"}");
    }

    @Test
    void keepsUnknownFieldsAndWritesThemBack() {
        String json = specWith("rack", "{\"row\": 3, \"slot\": \"b\"}");
        NodeRecord record = valid("web-01", json);
        assertThat(record.extra().get("rack").get("row").intValue()).isEqualTo(3);
        NodeRecord renamed = record.withName("web-02").withRegisteredAt(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(renamed.toJson().get("rack")).isEqualTo(record.extra().get("rack"));
        assertThat(CircusJson.writeString(renamed.toJson())).endsWith(
                "\"registered_at\": \"2027-01-01T00:00:00Z\", \"rack\": {\"row\": 3, \"slot\": \"b\"}}");
    }

    @Test
    void extraIsACopyThatCallersCannotChange() {
        NodeRecord record = valid("web-01", specWith("rack", "\"a\""));
        record.extra().put("rack", "changed");
        assertThat(record.extra().get("rack").textValue()).isEqualTo("a");
        assertThat(record.toJson().get("rack").textValue()).isEqualTo("a");
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        NodeRecord record = valid("web-01", "{\"name\": \"web-01\", \"endpoint\": \"ipc:///run/circus/web.sock\"}");
        assertThat(record.pubsubEndpoint()).isEmpty();
        assertThat(record.statsEndpoint()).isEmpty();
        assertThat(record.labels()).isEmpty();
        assertThat(record.capacity()).isEqualTo(1.0);
        assertThat(record.kind()).isEqualTo("circusd");
        assertThat(record.toJson().get("stats_endpoint").isNull()).isTrue();
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThat(reason("web-01", "not json")).contains("not a JSON object");
        assertThat(reason("web-01", "[1, 2]")).contains("not a JSON object");
        assertThat(reason("web-01", "")).contains("empty");
        assertThat(NodeRecord.parse("web-01", null)).isInstanceOf(NodeRecord.Invalid.class);
    }

    @Test
    void refusesARecordWithoutNameOrEndpoint() {
        assertThat(reason("web-01", specWith("name", null))).isEqualTo("the record has no 'name'");
        assertThat(reason("web-01", specWith("endpoint", null))).isEqualTo("the record has no 'endpoint'");
        assertThat(reason("web-01", specWith("endpoint", "\"\""))).contains("'endpoint' must be a non-empty string");
        assertThat(reason("web-01", specWith("name", "42"))).contains("'name' must be a non-empty string");
    }

    @Test
    void refusesARecordNamingAnotherNodeThanItsZnode() {
        assertThat(reason("web-02", DOCUMENTED_EXAMPLE))
                .contains("names node 'web-01'")
                .contains("/nodes/web-02");
    }

    @Test
    void refusesAnEndpointThatIsNotTcpOrIpc() {
        assertThat(reason("web-01", specWith("endpoint", "\"http://10.0.0.5:5555\"")))
                .startsWith("'endpoint': ")
                .contains("tcp:// or ipc://");
        assertThat(reason("web-01", specWith("pubsub_endpoint", "\"udp://10.0.0.5:5556\"")))
                .startsWith("'pubsub_endpoint': ");
        assertThat(reason("web-01", specWith("stats_endpoint", "\"tcp://10.0.0.5\"")))
                .startsWith("'stats_endpoint': ")
                .contains("HOST:PORT");
    }

    @Test
    void refusesAnEndpointNoManagerCanReach() {
        assertThat(reason("web-01", specWith("endpoint", "\"tcp://0.0.0.0:5555\"")))
                .contains("bind on every interface").contains("--advertise-host");
        assertThat(reason("web-01", specWith("pubsub_endpoint", "\"tcp://*:5556\""))).contains("'pubsub_endpoint'");
        assertThat(reason("web-01", specWith("endpoint", "\"tcp://10.0.0.5:0\""))).contains("port 0");
    }

    @Test
    void refusesFieldsOfTheWrongTypeOrForm() {
        assertThat(reason("web-01", specWith("capacity", "\"big\""))).contains("'capacity' must be a number");
        assertThat(reason("web-01", specWith("capacity", "0"))).contains("'capacity' must be a positive number");
        assertThat(reason("web-01", specWith("capacity", "-2.5"))).contains("positive");
        assertThat(reason("web-01", specWith("labels", "[\"zone\"]"))).contains("'labels' must be an object");
        assertThat(reason("web-01", specWith("registered_at", "\"yesterday\""))).contains("'registered_at'");
        assertThat(reason("web-01", specWith("host", "7"))).contains("'host' must be a string");
    }

    @Test
    void refusesANameThatBreaksTheNodeNameRule() {
        String json = "{\"name\": \"web.01\", \"endpoint\": \"tcp://10.0.0.5:5555\"}";
        assertThat(reason("web.01", json)).contains("not a valid node name");
    }

    @Test
    void theConstructorRefusesWhatParseRefuses() {
        assertThatThrownBy(() -> NodeRecord.of("web-01", "tcp://0.0.0.0:5555", Optional.empty(), Optional.empty(), "h",
                Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'endpoint'");
        assertThatThrownBy(() -> NodeRecord.of("web-01", "tcp://10.0.0.5:5555", Optional.empty(), Optional.empty(), "h",
                Map.of(), Double.POSITIVE_INFINITY, NodeRecord.KIND_CIRCUSD, "0.19"))
                .hasMessageContaining("'capacity'");
    }

    @Test
    void ofRegistersNowToTheSecond() {
        NodeRecord record = NodeRecord.of("web-01", "tcp://10.0.0.5:5555", Optional.of("tcp://10.0.0.5:5556"),
                Optional.empty(), "web-01.example.org", Map.of("zone", "eu-1"), 2.0, NodeRecord.KIND_NODE, "0.1.0");
        assertThat(record.registeredAt().getNano()).isZero();
        assertThat(record.extra().isEmpty()).isTrue();
        assertThat(NodeRecord.parse("web-01", record.toBytes())).isEqualTo(new NodeRecord.Valid(record));
    }

    @Test
    void carriesAnOptionalLogsEndpointLeftOutWhenAbsent() {
        NodeRecord plain = ((NodeRecord.Valid) parse("web-01", DOCUMENTED_EXAMPLE)).record();
        assertThat(plain.logsEndpoint()).isEmpty();
        assertThat(plain.toJson().has("logs_endpoint")).as("an older record stays as it was").isFalse();

        NodeRecord withLogs = plain.withLogsEndpoint(Optional.of("tcp://10.0.0.5:5558"));
        assertThat(withLogs.toJson().path("logs_endpoint").asText()).isEqualTo("tcp://10.0.0.5:5558");
        assertThat(NodeRecord.parse("web-01", withLogs.toBytes())).isEqualTo(new NodeRecord.Valid(withLogs));
        assertThat(withLogs.extra().has("logs_endpoint")).as("a known field, not an extra one").isFalse();
        assertThat(withLogs.withName("web-02").logsEndpoint()).contains("tcp://10.0.0.5:5558");
    }

    @Test
    void validatesTheLogsEndpointLikeTheOthers() {
        assertThat(reason("web-01", specWith("logs_endpoint", "\"tcp://0.0.0.0:5558\""))).contains("'logs_endpoint'")
                .contains("every interface");
        assertThat(reason("web-01", specWith("logs_endpoint", "\"tcp://10.0.0.5:0\""))).contains("port 0");
        assertThat(reason("web-01", specWith("logs_endpoint", "\"nowhere\""))).contains("'logs_endpoint'");
        assertThat(reason("web-01", specWith("logs_endpoint", "5"))).contains("'logs_endpoint' must be a string");
        assertThat(parse("web-01", specWith("logs_endpoint", "null"))).isInstanceOf(NodeRecord.Valid.class);
    }

    @Test
    void pathsLiveUnderTheirParents() {
        assertThat(RegistryPaths.node("web-01")).isEqualTo("/nodes/web-01");
        assertThat(RegistryPaths.rename("web-01")).isEqualTo("/renames/web-01");
        assertThat(RegistryPaths.watcher("sleeper")).isEqualTo("/watchers/sleeper");
        assertThat(RegistryPaths.name("/nodes/web-01")).isEqualTo("web-01");
    }
}
