package org.circusmeta.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON encoding circusd speaks. Writing gives exactly what Python's {@code json.dumps} gives with
 * its defaults: {@code ", "} between items, {@code ": "} after keys, every non-ASCII character
 * escaped as {@code \}{@code uXXXX} (lower-case hex), floats as Python's {@code repr}
 * ({@code 1795657655.4095259}, {@code 5.0}, {@code 0.006}, {@code 1e-05}; not Java's
 * {@code 1.7956576554095259E9}), keys in the tree's order. A reply circusd sent, parsed and written
 * again, comes out byte for byte as it came in. Reading accepts any valid JSON, plus the
 * {@code NaN}/{@code Infinity} that Python writes.
 *
 * <p>Thread-safe: the mapper is configured once, here, and must not be reconfigured by callers.
 */
public final class CircusJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CircusJson() {}

    /** The shared mapper, for converting values to and from trees. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new, empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Encodes a tree as circusd would (UTF-8; in fact ASCII, since everything else is escaped). */
    public static byte[] write(JsonNode node) {
        return writeString(node).getBytes(StandardCharsets.US_ASCII);
    }

    /** Encodes a tree as circusd would, as text. */
    public static String writeString(JsonNode node) {
        StringBuilder out = new StringBuilder(128);
        PythonJsonWriter.write(node, out);
        return out.toString();
    }

    /**
     * Decodes bytes that must hold one JSON object.
     *
     * @throws MalformedMessageException when they do not, saying what they hold instead
     */
    public static ObjectNode readObject(byte[] bytes) {
        JsonNode node = read(bytes);
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedMessageException("expected a JSON object, got " + describe(node));
        }
        return object;
    }

    /**
     * Decodes bytes that must hold one JSON value.
     *
     * @throws MalformedMessageException when they are empty or not JSON
     */
    public static JsonNode read(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MalformedMessageException("empty message where JSON was expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON (" + e.getOriginalMessage() + "): " + preview(bytes), e);
        } catch (IOException e) {
            throw new MalformedMessageException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Python's {@code repr} of a float, as circusd writes it: {@code 1795657655.4095259}, {@code 5.0},
     * {@code 1e-05}. For JSON writers other than this class's that should print circus figures the same way.
     */
    public static String pythonFloat(double value) {
        return PythonJsonWriter.pythonFloat(value);
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + preview(write(node));
    }

    /** The start of a message, printable, for error messages. */
    static String preview(byte[] bytes) {
        int n = Math.min(bytes.length, 60);
        StringBuilder out = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = (char) (bytes[i] & 0xff);
            out.append(c >= ' ' && c <= '~' ? c : '?');
        }
        return bytes.length > n ? out.append("...").toString() : out.toString();
    }
}
