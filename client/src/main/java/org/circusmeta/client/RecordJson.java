package org.circusmeta.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes the api module's records as {@code ApiJson.mapper()} does, with jackson-core's
 * streaming parser: fields in snake case, as the records' Jackson annotations name them; fields it does
 * not know skipped, absent ones null (0 or false for a primitive); nulls left out when writing, as the
 * requests' {@code @JsonInclude(NON_NULL)} has it. It reads records, strings, numbers, booleans, enums by
 * name, {@link Instant} (ISO-8601 text or epoch seconds), lists, sets, maps with text keys, and
 * Jackson trees ({@link JsonNode} and its kinds); anything else is refused naming the field, so that
 * a record grown with a new kind of field fails its first test here, not in a user's hands.
 *
 * <p>Why not databind: its {@code ObjectMapper} and bean introspection cost the CLI more start-up time
 * than the whole rest of a run (docs/benchmarks.md, "CLI start-up"). RecordJsonTest reads every
 * representation fixture both ways and compares.
 *
 * <p>Thread-safe.
 */
public final class RecordJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    private RecordJson() {}

    /** {@code List<element>}, as a type to read. */
    public static Type listOf(Class<?> element) {
        return new Parameterized(List.class, element);
    }

    /** The JSON in {@code text} read as {@code type}. @throws IllegalArgumentException when it is not that */
    @SuppressWarnings("unchecked")
    public static <T> T read(String text, Type type) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON in an empty body");
            }
            return (T) value(parser, type, "the body");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON in {@code text} as a Jackson tree. @throws IllegalArgumentException when it is not JSON */
    public static JsonNode tree(String text) {
        return read(text, JsonNode.class);
    }

    /** The JSON in {@code text} as a tree when it is exactly one JSON value (nothing after it), else empty. */
    public static Optional<JsonNode> tryTree(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            JsonNode tree = JsonTrees.read(parser);
            return parser.nextToken() == null ? Optional.of(tree) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes ready now what reading and writing these records needs (their shapes, those of the records
     * in them, the tree classes), so that a class-data-sharing archive recorded now holds it all.
     */
    public static void prepare(Class<?>... records) {
        for (Class<?> record : records) {
            prepare(record);
        }
        write(tree("{\"a\": [1, 12345678901, 1.5, \"x\", true, null, {}]}"));
    }

    private static void prepare(Type type) {
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                prepare(argument);
            }
        } else if (type instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent component : shape(c).components) {
                prepare(component.getGenericType());
            }
        }
    }

    /** {@code value} as compact JSON: a record, a tree, a collection, a map or a plain value. */
    public static String write(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            RecordWriter.write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Object value(JsonParser p, Type type, String where) throws IOException {
        Class<?> raw = raw(type);
        if (raw == JsonNode.class) {
            return JsonTrees.read(p);
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return raw.isPrimitive() ? primitiveDefault(raw) : null;
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            JsonNode node = JsonTrees.read(p);
            if (!raw.isInstance(node)) {
                throw new IllegalArgumentException(where + " must be a JSON " + (raw == ArrayNode.class ? "array" : "object")
                        + ", not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return node;
        }
        if (raw.isRecord()) {
            return record(p, raw, where);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return collection(p, raw, argument(type, 0), where);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(p, raw, argument(type, 1), where);
        }
        return scalar(p, raw, where);
    }

    private static Object scalar(JsonParser p, Class<?> raw, String where) throws IOException {
        JsonToken token = p.currentToken();
        if (raw == String.class && token.isScalarValue()) {
            return p.getText();
        }
        if ((raw == boolean.class || raw == Boolean.class) && token.isBoolean()) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token.isNumeric() || token == JsonToken.VALUE_STRING) {
            Object number = number(p, raw);
            if (number != null) {
                return number;
            }
        }
        if (raw.isEnum() && token == JsonToken.VALUE_STRING) {
            return enumConstant(raw, p.getText(), where);
        }
        throw new IllegalArgumentException(where + " cannot be read as " + raw.getSimpleName() + " from " + token);
    }

    private static Object number(JsonParser p, Class<?> raw) throws IOException {
        boolean text = p.currentToken() == JsonToken.VALUE_STRING;
        try {
            if (raw == int.class || raw == Integer.class) {
                return text ? Integer.valueOf(p.getText().strip()) : Integer.valueOf(p.getValueAsInt());
            }
            if (raw == long.class || raw == Long.class) {
                return text ? Long.valueOf(p.getText().strip()) : Long.valueOf(p.getValueAsLong());
            }
            if (raw == double.class || raw == Double.class) {
                return text ? Double.valueOf(p.getText().strip()) : Double.valueOf(p.getValueAsDouble());
            }
            if (raw == Instant.class) {
                return text ? Instant.parse(p.getText()) : epochSeconds(p.getDecimalValue());
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + p.getText() + "' is not a " + raw.getSimpleName(), e);
        }
        return null;
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> raw, String name, String where) {
        try {
            return Enum.valueOf((Class<? extends Enum>) raw, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not one of " + List.of(raw.getEnumConstants()), e);
        }
    }

    private static Object record(JsonParser p, Class<?> type, String where) throws IOException {
        expect(p, JsonToken.START_OBJECT, where);
        RecordShape shape = shape(type);
        Object[] arguments = new Object[shape.components.length];
        boolean[] given = new boolean[arguments.length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Integer index = shape.indexOf(p.currentName());
            p.nextToken();
            if (index == null) {
                p.skipChildren();
                continue;
            }
            RecordComponent component = shape.components[index];
            arguments[index] = value(p, component.getGenericType(), type.getSimpleName() + "." + component.getName());
            given[index] = true;
        }
        for (int i = 0; i < arguments.length; i++) {
            Class<?> componentType = shape.components[i].getType();
            if (!given[i] && componentType.isPrimitive()) {
                arguments[i] = primitiveDefault(componentType);
            }
        }
        return shape.create(arguments, where);
    }

    private static Object collection(JsonParser p, Class<?> raw, Type element, String where) throws IOException {
        expect(p, JsonToken.START_ARRAY, where);
        Collection<Object> items = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(p, element, where + "[" + index++ + "]"));
        }
        return items;
    }

    private static Object map(JsonParser p, Class<?> raw, Type valueType, String where) throws IOException {
        expect(p, JsonToken.START_OBJECT, where);
        Map<String, Object> map = SortedMap.class.isAssignableFrom(raw) ? new TreeMap<>() : new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            map.put(key, value(p, valueType, where + "." + key));
        }
        return map;
    }

    private static void expect(JsonParser p, JsonToken token, String where) {
        if (p.currentToken() != token) {
            throw new IllegalArgumentException(where + " must be a JSON " + (token == JsonToken.START_ARRAY ? "array" : "object")
                    + ", not " + p.currentToken());
        }
    }

    private static Object primitiveDefault(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == double.class) {
            return 0.0;
        }
        return primitive == long.class ? (Object) 0L : (Object) 0;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("cannot read a " + type.getTypeName() + " from JSON");
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type[] arguments = p.getActualTypeArguments();
            return arguments[Math.min(index, arguments.length - 1)];
        }
        return JsonNode.class;
    }

    static RecordShape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, RecordShape::new);
    }

    /** A parameterized type built here, for {@link #listOf}. */
    private record Parameterized(Class<?> raw, Type argument) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {argument};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
