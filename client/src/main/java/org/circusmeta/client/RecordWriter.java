package org.circusmeta.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Records and the values in them written to a jackson-core stream as {@code ApiJson.mapper()} writes
 * the requests: fields in snake case, nulls left out, instants as ISO-8601 text, trees as they are.
 *
 * <p>Stateless.
 */
final class RecordWriter {
    private RecordWriter() {}

    static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof JsonNode node) {
            JsonTrees.write(out, node);
        } else if (value.getClass().isRecord()) {
            writeRecord(out, value);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                out.writeFieldName(String.valueOf(field.getKey()));
                write(out, field.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof String || value instanceof Instant || value instanceof Enum) {
            out.writeString(value instanceof Enum<?> e ? e.name() : value.toString());
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeRecord(JsonGenerator out, Object record) throws IOException {
        RecordShape shape = RecordJson.shape(record.getClass());
        out.writeStartObject();
        for (int i = 0; i < shape.components.length; i++) {
            Object value = shape.valueOf(record, i);
            if (value != null) {
                out.writeFieldName(shape.names[i]);
                write(out, value);
            }
        }
        out.writeEndObject();
    }
}
