package org.circusmeta.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsAndWritesBackEveryKindOfValue() {
        String text = "{\"a\":[1,2.5,\"x\",true,null],\"b\":{\"c\":-3},\"d\":\"\\u00e9\\n\"}";
        Json json = Json.tryParse(text).orElseThrow();
        assertThat(json.compact()).isEqualTo(text.replace("\\u00e9", "\u00e9"));
        assertThat(json.path("b").path("c").number()).hasValue(-3);
        assertThat(json.path("a").elements()).hasSize(5);
        assertThat(json.path("a").elements().get(2).text("?")).isEqualTo("x");
    }

    @Test
    void aMissingPathReadsAsMissingNeverFails() {
        Json json = Json.tryParse("{\"a\": 1}").orElseThrow();
        assertThat(json.path("nope").path("deeper").isMissing()).isTrue();
        assertThat(json.path("a").path("b").text("fallback")).isEqualTo("fallback");
        assertThat(json.path("nope").fields()).isEmpty();
    }

    @Test
    void refusesWhatIsNotExactlyOneValue() {
        assertThat(Json.tryParse("")).isEmpty();
        assertThat(Json.tryParse("web")).isEmpty();
        assertThat(Json.tryParse("{\"a\": 1} trailing")).isEmpty();
        assertThat(Json.tryParse("[1,")).isEmpty();
        assertThat(Json.tryParse("2")).isPresent();
    }

    @Test
    void writesJavaValuesAsRequestBodies() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", "incr");
        body.put("properties", Map.of("nb", Json.tryParse("2").orElseThrow()));
        body.put("nodes", List.of("a", "b"));
        body.put("start", true);
        assertThat(Json.write(body)).isEqualTo("{\"command\":\"incr\",\"properties\":{\"nb\":2},\"nodes\":[\"a\",\"b\"],\"start\":true}");
    }
}
