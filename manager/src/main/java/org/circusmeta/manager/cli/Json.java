package org.circusmeta.manager.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A JSON value read with jackson-core's streaming parser (no databind, so that the CLI starts fast),
 * navigated like Jackson's tree: {@link #path} never fails, a missing part reads as {@link #MISSING}.
 *
 * <p>Immutable.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();
    static final Json MISSING = new Json(null);
    private static final Json NULL = new Json(null);

    private final Object value;

    private Json(Object value) {
        this.value = value;
    }

    /** The JSON in {@code text}, or empty when it is not exactly one JSON value. */
    static Optional<Json> tryParse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            Json json = read(parser);
            return parser.nextToken() == null ? Optional.of(json) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Json read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new Json(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Json(parser.getNumberValue());
            case VALUE_TRUE, VALUE_FALSE -> new Json(parser.getBooleanValue());
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Json readObject(JsonParser parser) throws IOException {
        Map<String, Json> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.put(name, read(parser));
        }
        return new Json(Collections.unmodifiableMap(fields));
    }

    private static Json readArray(JsonParser parser) throws IOException {
        List<Json> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(read(parser));
        }
        return new Json(Collections.unmodifiableList(items));
    }

    Json path(String field) {
        return value instanceof Map<?, ?> map && map.get(field) instanceof Json json ? json : MISSING;
    }

    boolean isMissing() {
        return this == MISSING;
    }

    boolean isObject() {
        return value instanceof Map;
    }

    boolean isArray() {
        return value instanceof List;
    }

    boolean isText() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    Map<String, Json> fields() {
        return value instanceof Map ? (Map<String, Json>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Json> elements() {
        return value instanceof List ? (List<Json>) value : List.of();
    }

    /** A string as it is, a number or boolean as JSON writes it; {@code fallback} for anything else. */
    String text(String fallback) {
        if (value instanceof String s) {
            return s;
        }
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : fallback;
    }

    OptionalDouble number() {
        return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** This value written back as compact JSON. */
    String compact() {
        return write(this);
    }

    /**
     * Writes {@link Json}, maps with string keys, lists, strings, numbers, booleans and null as compact
     * JSON.
     */
    static String write(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        Object plain = value instanceof Json json ? json.value : value;
        if (plain instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                out.writeFieldName(String.valueOf(field.getKey()));
                write(out, field.getValue());
            }
            out.writeEndObject();
        } else if (plain instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (plain instanceof String s) {
            out.writeString(s);
        } else if (plain instanceof Number n) {
            out.writeNumber(n.toString());
        } else if (plain instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeNull();
        }
    }

    @Override
    public String toString() {
        return isMissing() ? "(missing)" : compact();
    }
}
