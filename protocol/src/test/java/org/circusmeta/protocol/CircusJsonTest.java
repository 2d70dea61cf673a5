package org.circusmeta.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CircusJsonTest {

    @Test
    void separatesItemsAndKeysAsPythonDoes() {
        ObjectNode node = CircusJson.object();
        node.put("a", 1);
        node.putArray("b").add(1).add(2).addObject();
        node.putObject("c");
        node.putArray("d");
        node.putNull("e");
        node.put("f", true);
        node.put("g", "x");
        assertThat(CircusJson.writeString(node))
                .isEqualTo("{\"a\": 1, \"b\": [1, 2, {}], \"c\": {}, \"d\": [], \"e\": null, \"f\": true, \"g\": \"x\"}");
    }

    /** Expected values are CPython 3.11's {@code json.dumps(float)}. */
    @ParameterizedTest
    @CsvSource({
        "1795657655.4095259, 1795657655.4095259",
        "5.0, 5.0",
        "0.006, 0.006",
        "0.00001, 1e-05",
        "0.0001, 0.0001",
        "1e16, 1e+16",
        "9999999999999998.0, 9999999999999998.0",
        "100, 100.0",
        "1.5e-7, 1.5e-07",
        "123.456, 123.456",
        "-2.5, -2.5",
        "0.1, 0.1",
        "23.513790607452393, 23.513790607452393",
        "1e22, 1e+22",
        "4.9e-324, 5e-324",
        "9.9e-324, 1e-323",
        "2.5e-323, 2.5e-323",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        // Java 17's Double.toString gives 1.9999999999999998E23, 9.999999999999999E22 and
        // 2.82879384806159008E17 for these: not the shortest digits that Python prints.
        "2e23, 2e+23",
        "1e23, 1e+23",
        "2.82879384806159e17, 2.82879384806159e+17",
        "4.1661209164837648e16, 4.166120916483765e+16",
    })
    void writesFloatsAsPythonsRepr(double value, String python) {
        assertThat(CircusJson.writeString(DoubleNode.valueOf(value))).isEqualTo(python);
    }

    @Test
    void writesTwoThousandRandomDoublesAsPythonDid() throws Exception {
        List<String> lines;
        try (var in = CircusJsonTest.class.getResourceAsStream("/python-float-repr.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
        assertThat(lines).hasSizeGreaterThan(1_900);
        for (String line : lines) {
            String[] parts = line.split(" ");
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
            assertThat(CircusJson.writeString(DoubleNode.valueOf(value))).as(parts[0]).isEqualTo(parts[1]);
        }
    }

    @Test
    void writesZeroesInfinitiesAndNanAsPythonDoes() {
        assertThat(CircusJson.writeString(DoubleNode.valueOf(0.0))).isEqualTo("0.0");
        assertThat(CircusJson.writeString(DoubleNode.valueOf(-0.0))).isEqualTo("-0.0");
        assertThat(CircusJson.writeString(DoubleNode.valueOf(Double.NaN))).isEqualTo("NaN");
        assertThat(CircusJson.writeString(DoubleNode.valueOf(Double.POSITIVE_INFINITY))).isEqualTo("Infinity");
        assertThat(CircusJson.writeString(DoubleNode.valueOf(Double.NEGATIVE_INFINITY))).isEqualTo("-Infinity");
        JsonNode read = CircusJson.read("[NaN, Infinity, -Infinity]".getBytes(StandardCharsets.US_ASCII));
        assertThat(read.get(0).doubleValue()).isNaN();
        assertThat(read.get(2).doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(CircusJson.writeString(read)).isEqualTo("[NaN, Infinity, -Infinity]");
    }

    @Test
    void writesAJavaFloatAsTheDecimalItWasWrittenAs() {
        assertThat(CircusJson.writeString(FloatNode.valueOf(0.1f))).isEqualTo("0.1");
    }

    @Test
    void writesIntegersOfAnySize() {
        JsonNode big = CircusJson.read("[12345678901234567890, -3, 0]".getBytes(StandardCharsets.US_ASCII));
        assertThat(CircusJson.writeString(big)).isEqualTo("[12345678901234567890, -3, 0]");
    }

    @Test
    void escapesStringsAsPythonsEnsureAscii() {
        String text = "é € \uD83D\uDE00 \u0001 \u007f \t\n\r\b\f \"q\" \\ / ~";
        // json.dumps of the same string, by CPython 3.11
        String python = "\"\\u00e9 \\u20ac \\ud83d\\ude00 \\u0001 \\u007f \\t\\n\\r\\b\\f \\\"q\\\" \\\\ / ~\"";
        assertThat(CircusJson.writeString(TextNode.valueOf(text))).isEqualTo(python);
        assertThat(CircusJson.write(TextNode.valueOf(text))).isEqualTo(python.getBytes(StandardCharsets.US_ASCII));
        assertThat(CircusJson.read(python.getBytes(StandardCharsets.US_ASCII)).textValue()).isEqualTo(text);
    }

    @Test
    void escapesKeysLikeValues() {
        ObjectNode node = CircusJson.object().put("clé", "v");
        assertThat(CircusJson.writeString(node)).isEqualTo("{\"cl\\u00e9\": \"v\"}");
    }

    @Test
    void reEncodesEveryRecordedRawReplyFrameByteForByte() {
        List<String> frames = new ArrayList<>();
        for (String file : Vectors.CONTROL_FILES) {
            Vectors.read(file).path("exchanges").forEach(e -> e.path("raw_reply_frames").forEach(f -> frames.add(f.asText())));
        }
        assertThat(frames).isNotEmpty();
        for (String frame : frames) {
            byte[] raw = frame.getBytes(StandardCharsets.UTF_8);
            assertThat(new String(CircusJson.write(CircusJson.readObject(raw)), StandardCharsets.UTF_8)).isEqualTo(frame);
        }
    }

    static Stream<String> transcripts() {
        return Stream.concat(Vectors.CONTROL_FILES.stream(), Stream.of("pubsub-events.json", "stats-stream.json"));
    }

    /**
     * Every value in every transcript (replies, requests, events, stats bodies, with their real
     * floats) re-encodes exactly as Python's json.dumps encoded it.
     */
    @ParameterizedTest
    @MethodSource("transcripts")
    void reEncodesEveryRecordedValueAsPythonDid(String file) {
        String indented = Vectors.text(file);
        String python = IndentedJson.toPythonDefault(indented);
        JsonNode tree = CircusJson.read(indented.getBytes(StandardCharsets.UTF_8));
        assertThat(CircusJson.writeString(tree)).isEqualTo(python);
    }

    @Test
    void readsAnObjectAndSaysWhatElseItGot() {
        assertThat(CircusJson.readObject("{\"a\": 1}".getBytes(StandardCharsets.US_ASCII)).get("a").intValue()).isOne();
        assertThatThrownBy(() -> CircusJson.readObject("[1, 2]".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("expected a JSON object, got array [1, 2]");
        assertThatThrownBy(() -> CircusJson.readObject("not json".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("not json");
        assertThatThrownBy(() -> CircusJson.read(new byte[0]))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> CircusJson.read("{} trailing".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
