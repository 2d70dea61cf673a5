package org.circusmeta.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON encoding circusd speaks: Python's {@code json.dumps} defaults, so {@code ", "} between
 * items, {@code ": "} after keys, non-ASCII escaped, and floats written as Python writes them
 * ({@code 1795657655.4095259}, not {@code 1.7956576554095259E9}). Readers accept any valid JSON.
 *
 * <p>Thread-safe: the mapper and writer are immutable once built.
 */
public final class CircusJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private static final PythonSeparators SEPARATORS = new PythonSeparators();

    private CircusJson() {}

    /** The shared mapper, for converting values to and from trees. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Encodes a tree as circusd would. */
    public static byte[] write(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.setPrettyPrinter(SEPARATORS);
            writeTree(gen, node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public static String writeString(JsonNode node) {
        return new String(write(node), StandardCharsets.UTF_8);
    }

    private static void writeTree(JsonGenerator gen, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                gen.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    gen.writeFieldName(field.getKey());
                    writeTree(gen, field.getValue());
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (JsonNode item : node) {
                    writeTree(gen, item);
                }
                gen.writeEndArray();
            }
            case NUMBER -> {
                if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                    gen.writeNumber(pythonFloat(node.doubleValue()));
                } else {
                    MAPPER.writeTree(gen, node);
                }
            }
            default -> MAPPER.writeTree(gen, node);
        }
    }

    /** Decodes bytes that must hold one JSON object. */
    public static ObjectNode readObject(byte[] bytes) {
        JsonNode node = read(bytes);
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedMessageException("expected a JSON object, got " + node.getNodeType());
        }
        return object;
    }

    /** Decodes bytes that must hold one JSON value. */
    public static JsonNode read(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MalformedMessageException("empty message");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Python's float repr: plain notation between 1e-4 and 1e16, otherwise {@code 1e-05} style. */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String java = Double.toString(value);
        double abs = Math.abs(value);
        if (abs == 0.0 || (abs >= 1e-4 && abs < 1e16)) {
            String plain = new BigDecimal(java).toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        int e = java.indexOf('E');
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        String sign = exponent < 0 ? "-" : "+";
        int absExp = Math.abs(exponent);
        return mantissa + "e" + sign + (absExp < 10 ? "0" : "") + absExp;
    }

    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
