package org.circusmeta.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.circusmeta.testsupport.JsonShape;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplyTest {

    static Stream<Vectors.Exchange> recordedReplies() {
        return Vectors.allControlExchanges().stream().filter(e -> e.reply().isPresent());
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode recorded(String file, String label) {
        return Vectors.exchanges(file).stream().filter(e -> e.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no exchange '" + label + "' in " + file)).reply().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("recordedReplies")
    void parsesEveryRecordedReplyWhole(Vectors.Exchange exchange) {
        JsonNode recorded = exchange.reply().orElseThrow();
        Reply reply = Reply.parse(CircusJson.write(recorded));
        assertThat(reply.toJson()).isEqualTo(recorded);
        assertThat(keys(reply.toJson())).isEqualTo(keys(recorded));
        assertThat(reply.id()).isEqualTo(recorded.get("id"));
        assertThat(reply.time()).isEqualTo(recorded.get("time").doubleValue());
        assertThat(reply.isError()).isEqualTo("error".equals(recorded.get("status").asText()));
        assertThat(reply.isOk()).isNotEqualTo(reply.isError());
        if (reply.isError()) {
            assertThat(reply.reason()).contains(recorded.get("reason").asText());
            assertThat(reply.errno()).hasValue(recorded.get("errno").asInt());
            assertThat(Errno.of(reply.errno().getAsInt())).isPresent();
        } else {
            assertThat(reply.reason()).isEmpty();
            assertThat(reply.errno()).isEmpty();
        }
    }

    @Test
    void parsesTheRecordedRawReplyFrame() {
        JsonNode exchange = Vectors.read("control-queries.json").path("exchanges").get(0);
        Reply reply = Reply.parse(exchange.path("raw_reply_frames").get(0).asText().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo("ok");
        assertThat(reply.get("watchers")).hasSize(3);
        assertThat(reply.id().textValue()).isEqualTo(exchange.path("request").path("id").textValue());
        assertThat(reply.toString()).isEqualTo(exchange.path("raw_reply_frames").get(0).asText());
    }

    @Test
    void readsTheRecordedAccessors() {
        Reply unknown = Reply.of((ObjectNode) recorded("errors.json", "unknown command"));
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.errno()).hasValue(Errno.UNKNOWN_COMMAND.code());
        assertThat(unknown.reason()).contains("unknown command: 'frobnicate'");
        assertThat(unknown.isBusy()).isFalse();

        Reply busy = Reply.of((ObjectNode) recorded("errors.json", "start sleeper while stop still running -> conflict"));
        assertThat(busy.isBusy()).isTrue();
        assertThat(busy.reason().orElseThrow()).startsWith(Reply.BUSY_PREFIX);

        Reply generic = Reply.of((ObjectNode) recorded("errors.json", "duplicate watcher name (add)"));
        assertThat(generic.errno()).hasValue(5);
        assertThat(generic.isBusy()).isFalse();

        Reply watcherState = Reply.of((ObjectNode) recorded("control-queries.json", "status sleeper"));
        assertThat(watcherState.status()).isEqualTo("active");
        assertThat(watcherState.isOk()).isTrue();

        assertThat(Reply.of((ObjectNode) recorded("errors.json", "request with numeric id")).id()).isEqualTo(IntNode.valueOf(42));
        assertThat(Reply.of((ObjectNode) recorded("errors.json", "request without id")).id()).isEqualTo(NullNode.instance);
        assertThat(Reply.of((ObjectNode) recorded("control-extra.json", "stop sleeper waiting")).get("info").isNull()).isTrue();
        assertThat(Reply.of(CircusJson.object()).get("nothing").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("recordedReplies")
    void recognisesCircusdsRefusalsByTheirRecordedReasons(Vectors.Exchange exchange) {
        Reply reply = Reply.of((ObjectNode) exchange.reply().orElseThrow());
        assertThat(reply.isUnknownWatcher()).as("unknown watcher: %s", reply)
                .isEqualTo(exchange.file().equals("errors.json") && exchange.label().startsWith("unknown watcher"));
        assertThat(reply.isAlreadyExists()).as("already exists: %s", reply)
                .isEqualTo(exchange.label().equals("duplicate watcher name (add)"));
        assertThat(reply.isBusy()).as("busy: %s", reply)
                .isEqualTo(exchange.label().equals("start sleeper while stop still running -> conflict"));
    }

    @Test
    void recognisesOnlyTheRefusalItNames() {
        assertThat(Reply.of((ObjectNode) recorded("errors.json", "unknown process (stats)")).isUnknownWatcher()).isFalse();
        assertThat(Reply.of((ObjectNode) recorded("errors.json", "unknown option key (get)")).isUnknownWatcher()).isFalse();
        assertThat(Reply.error("program nope not found", Errno.COMMAND_ERROR).isUnknownWatcher())
                .as("the reason with another errno").isFalse();
        assertThat(Reply.error("'web' already exist", Errno.MESSAGE_ERROR).isAlreadyExists()).isFalse();
        assertThat(Reply.ok().put("reason", "program nope not found").build().isUnknownWatcher()).isFalse();
    }

    @Test
    void buildsTheUnknownWatcherReplyAsRecorded() {
        JsonNode recorded = recorded("errors.json", "unknown watcher (status)");
        Reply built = Reply.unknownWatcher("nope").withId(recorded.get("id"));
        assertThat(keys(built.toJson())).isEqualTo(keys(recorded));
        JsonShape.assertSameShape(recorded, built.toJson());
        assertThat(built.reason()).contains(recorded.get("reason").asText());
        assertThat(built.errno()).hasValue(recorded.get("errno").asInt());
        assertThat(built.isUnknownWatcher()).isTrue();
    }

    @Test
    void buildsAPlainOkInCircusdsKeyOrder() {
        JsonNode recorded = Reply.parse(Vectors.read("control-queries.json").path("exchanges").get(0)
                .path("raw_reply_frames").get(0).asText().getBytes(StandardCharsets.UTF_8)).toJson();
        Reply built = Reply.ok().put("watchers", List.of("circusd-stats", "sleeper", "worker")).build()
                .withId(TextNode.valueOf("4a15947218e644298598586c9816d6cd"));
        assertThat(keys(built.toJson())).isEqualTo(keys(recorded)).containsExactly("status", "time", "watchers", "id");
        JsonShape.assertSameShape(recorded, built.toJson());
        assertThat(built.time()).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(5.0));
        JsonNode plain = recorded("control-lifecycle.json", "stop sleeper");
        assertThat(keys(Reply.ok().build().withId(plain.get("id")).toJson())).isEqualTo(keys(plain));
    }

    @Test
    void buildsAWatcherStateInPlaceOfOk() {
        JsonNode recorded = recorded("control-queries.json", "status sleeper");
        Reply built = Reply.withStatus("active").build().withId(recorded.get("id"));
        assertThat(keys(built.toJson())).isEqualTo(keys(recorded));
        JsonShape.assertSameShape(recorded, built.toJson());
        assertThat(built.status()).isEqualTo("active");
    }

    @Test
    void buildsErrorsInCircusdsKeyOrderAndWords() {
        JsonNode unknown = recorded("errors.json", "unknown command");
        Reply built = Reply.unknownCommand("frobnicate").withId(unknown.get("id"));
        assertThat(keys(built.toJson())).isEqualTo(keys(unknown))
                .containsExactly("status", "reason", "tb", "time", "errno", "id");
        JsonShape.assertSameShape(unknown, built.toJson());
        assertThat(built.reason()).contains(unknown.get("reason").asText());
        assertThat(built.errno()).hasValue(unknown.get("errno").asInt());

        JsonNode missing = recorded("errors.json", "missing property name (get)");
        Reply missingBuilt = Reply.missingProperty("name").withId(missing.get("id"));
        assertThat(missingBuilt.reason()).contains(missing.get("reason").asText());
        assertThat(missingBuilt.errno()).hasValue(missing.get("errno").asInt());
        assertThat(Reply.unknownCommand("it's").reason()).contains("unknown command: \"it's\"");
    }

    @Test
    void keepsTheIdLastAndTheReplyImmutable() {
        Reply reply = Reply.ok().put("numwatchers", 3).build().withId(TextNode.valueOf("a")).withId(TextNode.valueOf("b"));
        assertThat(keys(reply.toJson())).containsExactly("status", "time", "numwatchers", "id");
        assertThat(reply.id().textValue()).isEqualTo("b");
        reply.toJson().put("status", "error");
        ((ObjectNode) Reply.ok().put("info", CircusJson.object().put("a", 1)).build().get("info")).put("a", 2);
        assertThat(reply.status()).isEqualTo("ok");
        Reply info = Reply.ok().put("info", CircusJson.object().put("a", 1)).build();
        ((ObjectNode) info.get("info")).put("a", 2);
        assertThat(info.get("info").get("a").asInt()).isEqualTo(1);
        assertThat(Reply.parse(reply.toBytes())).isEqualTo(reply);
    }

    @Test
    void refusesAFrameThatIsNotAJsonObject() {
        assertThatThrownBy(() -> Reply.parse("[1]".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> Reply.parse("garbage".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(MalformedMessageException.class);
    }
}
