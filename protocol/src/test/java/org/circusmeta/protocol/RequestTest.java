package org.circusmeta.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestTest {

    static Stream<Vectors.Exchange> recordedRequests() {
        return Vectors.allControlExchanges().stream().filter(e -> !e.isRaw());
    }

    /** Rebuilds a recorded request through the public API, property by property. */
    static Request rebuild(JsonNode recorded) {
        Request request = Request.of(recorded.get("command").textValue());
        for (Map.Entry<String, JsonNode> property : recorded.path("properties").properties()) {
            request = request.with(property.getKey(), property.getValue());
        }
        if ("cast".equals(recorded.path("msg_type").asText())) {
            request = request.asCast();
        }
        return request;
    }

    private static ObjectNode withoutId(JsonNode request) {
        ObjectNode copy = (ObjectNode) request.deepCopy();
        copy.remove("id");
        return copy;
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @MethodSource("recordedRequests")
    void rebuildsEveryRecordedRequestWithTheSameContent(Vectors.Exchange exchange) {
        JsonNode recorded = exchange.request().orElseThrow();
        Request rebuilt = rebuild(recorded);
        assertThat(withoutId(rebuilt.toJson())).isEqualTo(withoutId(recorded));
        assertThat(keys(rebuilt.toJson())).isEqualTo(keys(recorded));
        assertThat(rebuilt.isCast()).isEqualTo(recorded.has("msg_type"));
    }

    @ParameterizedTest
    @MethodSource("recordedRequests")
    void encodesEveryRecordedRequestAsCircusctlDid(Vectors.Exchange exchange) {
        JsonNode recorded = exchange.request().orElseThrow();
        Request rebuilt = rebuild(recorded).withId(recorded.get("id").textValue());
        // CircusJson writes what json.dumps wrote for every recorded value (CircusJsonTest).
        assertThat(new String(rebuilt.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(CircusJson.writeString(recorded));
        exchange.rawFrames().forEach(frame -> assertThat(rebuilt.toString()).isEqualTo(frame));
    }

    @Test
    void rebuildsTheRecordedCastWithMsgTypeBeforeTheId() {
        JsonNode cast = Vectors.exchanges("errors.json").stream()
                .filter(e -> e.request().map(r -> r.has("msg_type")).orElse(false))
                .findFirst().orElseThrow().request().orElseThrow();
        Request rebuilt = rebuild(cast).withId(cast.get("id").textValue());
        assertThat(keys(rebuilt.toJson())).containsExactly("command", "properties", "msg_type", "id");
        assertThat(rebuilt.toJson()).isEqualTo(cast);
    }

    @Test
    void parsesEveryRecordedRawRequestFrameThatCircusdAnswered() {
        for (Vectors.Exchange e : Vectors.allControlExchanges()) {
            if (e.rawFrames().size() != 1 || e.reply().isEmpty()) {
                continue;
            }
            byte[] frame = e.rawFrames().get(0).getBytes(StandardCharsets.UTF_8);
            JsonNode reply = e.reply().get();
            if ("error".equals(reply.path("status").asText()) && reply.path("errno").asInt() == 1) {
                MalformedRequestException error = catchThrowableOfType(MalformedRequestException.class, () -> Request.parse(frame));
                assertThat(error.errno().code()).as(e.toString()).isEqualTo(1);
                assertThat(error.toReply().reason()).contains(reply.get("reason").asText());
                assertThat(error.toReply().id()).isEqualTo(reply.get("id"));
            } else {
                Request request = Request.parse(frame);
                assertThat(request.id()).as(e.toString()).isEqualTo(reply.get("id"));
                assertThat(request.raw()).contains(frame);
            }
        }
    }

    @Test
    void readsWhatCircusdReadsFromRawFrames() {
        Request noId = Request.parse(bytes("{\"command\": \"numwatchers\"}"));
        assertThat(noId.command()).isEqualTo("numwatchers");
        assertThat(noId.id()).isEqualTo(NullNode.instance);
        assertThat(noId.properties()).isEmpty();
        assertThat(Request.parse(bytes("{\"command\": \"numwatchers\", \"id\": 42}")).id()).isEqualTo(IntNode.valueOf(42));
        assertThat(Request.parse(bytes("{\"command\": \"status\", \"id\": \"no-props\"}")).idText()).contains("no-props");
        assertThat(Request.parse(bytes("{\"command\": \"LIST\", \"properties\": null}")).commandKey()).isEqualTo("list");
        Request cast = Request.parse(bytes("{\"command\": \"incr\", \"properties\": {\"name\": \"w\"}, \"msg_type\": \"cast\"}"));
        assertThat(cast.isCast()).isTrue();
        assertThat(Request.parse(bytes("{\"command\": \"incr\", \"msg_type\": \"call\"}")).isCast()).isFalse();
    }

    @Test
    void answersABodyThatIsNotJsonAsCircusdDoes() {
        JsonNode recorded = Vectors.exchanges("malformed.json").get(0).reply().orElseThrow();
        for (String body : List.of("not json", "", "   ", "{\"command\": ", "[1, 2]", "\"list\"")) {
            MalformedRequestException e = catchThrowableOfType(MalformedRequestException.class, () -> Request.parse(bytes(body)));
            Reply reply = e.toReply();
            assertThat(reply.reason()).contains(recorded.get("reason").asText());
            assertThat(reply.errno()).hasValue(recorded.get("errno").asInt());
            assertThat(reply.id()).isEqualTo(NullNode.instance);
            assertThat(keys(reply.toJson())).isEqualTo(keys(recorded));
        }
    }

    @Test
    void answersARequestWithoutCommandInsteadOfStallingLikeCircusd() {
        MalformedRequestException e = catchThrowableOfType(MalformedRequestException.class,
                () -> Request.parse(bytes("{\"id\": \"no-command\"}")));
        assertThat(e.errno()).isEqualTo(Errno.MESSAGE_ERROR);
        assertThat(e.toReply().reason()).contains("message invalid 'command' is missing");
        assertThat(e.toReply().id().textValue()).isEqualTo("no-command");
        MalformedRequestException props = catchThrowableOfType(MalformedRequestException.class,
                () -> Request.parse(bytes("{\"command\": \"list\", \"properties\": [1], \"id\": \"p\"}")));
        assertThat(props.errno()).isEqualTo(Errno.MESSAGE_ERROR);
        assertThat(props.toReply().id().textValue()).isEqualTo("p");
    }

    static Stream<Vectors.Exchange> genericCommandErrors() {
        return recordedRequests().filter(e -> e.reply().map(r -> r.path("errno").asInt() == 5
                && r.path("reason").asText().startsWith("command b'")).orElse(false));
    }

    @ParameterizedTest
    @MethodSource("genericCommandErrors")
    void reprsTheRequestAsCircusdDoesInItsGenericErrors(Vectors.Exchange exchange) {
        JsonNode recorded = exchange.request().orElseThrow();
        String reason = exchange.reply().orElseThrow().get("reason").asText();
        Request rebuilt = rebuild(recorded).withId(recorded.get("id").textValue());
        assertThat(reason).startsWith(rebuilt.pythonRepr() + ": ");
        assertThat(Request.parse(rebuilt.toBytes()).pythonRepr()).isEqualTo(rebuilt.pythonRepr());
    }

    @Test
    void recordsGenericErrorsToCompare() {
        assertThat(genericCommandErrors()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void reprsBytesAndStringsAsPython() {
        // repr() by CPython 3.11
        assertThat(PythonRepr.bytes(bytes("it's"))).isEqualTo("b\"it's\"");
        assertThat(PythonRepr.bytes(bytes("it's \"x\""))).isEqualTo("b'it\\'s \"x\"'");
        assertThat(PythonRepr.bytes("café".getBytes(StandardCharsets.UTF_8))).isEqualTo("b'caf\\xc3\\xa9'");
        assertThat(PythonRepr.bytes(new byte[] {0, '\n', '\\'})).isEqualTo("b'\\x00\\n\\\\'");
        assertThat(PythonRepr.str("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.str("café")).isEqualTo("'café'");
        assertThat(PythonRepr.str("a\u200bb")).isEqualTo("'a\\u200bb'");
        assertThat(PythonRepr.str("\u0000\n")).isEqualTo("'\\x00\\n'");
    }

    @Test
    void isImmutable() {
        Request base = Request.of("set").with("name", "web");
        Request more = base.with("options", Map.of("numprocesses", 3));
        assertThat(base.properties().has("options")).isFalse();
        assertThat(more.properties().path("options").path("numprocesses").asInt()).isEqualTo(3);
        base.properties().put("name", "changed");
        assertThat(base.text("name")).contains("web");
        ObjectNode given = CircusJson.object().put("name", "web");
        Request fromTree = Request.of("status", given);
        given.put("name", "changed");
        assertThat(fromTree.text("name")).contains("web");
        assertThat(more.withId("abc").idText()).contains("abc");
        assertThat(more.idText()).isEmpty();
        assertThat(more.withId((String) null).id()).isEqualTo(NullNode.instance);
    }

    @Test
    void readsFlagsAsPythonTruthiness() {
        Request r = Request.of("stop", Map.of("a", true, "b", 0, "c", "", "d", "x", "e", List.of(), "f", 1));
        assertThat(r.flag("a")).isTrue();
        assertThat(r.flag("b")).isFalse();
        assertThat(r.flag("c")).isFalse();
        assertThat(r.flag("d")).isTrue();
        assertThat(r.flag("e")).isFalse();
        assertThat(r.flag("f")).isTrue();
        assertThat(r.flag("missing")).isFalse();
        assertThat(r.text("b")).isEmpty();
        assertThat(r.property("missing")).isEmpty();
    }

    @Test
    void refusesARequestWithoutCommand() {
        assertThatThrownBy(() -> Request.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
