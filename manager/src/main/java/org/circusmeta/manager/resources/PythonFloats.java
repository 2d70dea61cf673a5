package org.circusmeta.manager.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;
import org.circusmeta.protocol.CircusJson;

/**
 * Writes the JSON trees the API passes through (the nodes' replies, their stats) with floats as circusd
 * writes them, {@code 1795657655.4095259} rather than Java's {@code 1.7956576554095259E9}: a reply "as
 * that circusd sent it" keeps its figures' form too. Jackson serializes a tree's children itself, without
 * asking for their serializers, so the whole tree is walked here.
 *
 * <p>Thread-safe (stateless).
 */
public final class PythonFloats extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public PythonFloats() {
        super("circus-floats");
        TreeSerializer tree = new TreeSerializer();
        addSerializer(ObjectNode.class, tree.of(ObjectNode.class));
        addSerializer(ArrayNode.class, tree.of(ArrayNode.class));
        addSerializer(DoubleNode.class, tree.of(DoubleNode.class));
        addSerializer(FloatNode.class, tree.of(FloatNode.class));
    }

    private static final class TreeSerializer {
        <T extends JsonNode> StdSerializer<T> of(Class<T> type) {
            return new StdSerializer<>(type) {
                private static final long serialVersionUID = 1L;

                @Override
                public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    write(value, gen, provider);
                }
            };
        }
    }

    static void write(JsonNode node, JsonGenerator gen, SerializerProvider provider) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                gen.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    gen.writeFieldName(field.getKey());
                    write(field.getValue(), gen, provider);
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (JsonNode item : node) {
                    write(item, gen, provider);
                }
                gen.writeEndArray();
            }
            case NUMBER -> {
                if (node.isDouble() || node.isFloat()) {
                    gen.writeNumber(CircusJson.pythonFloat(node.doubleValue()));
                } else {
                    ((com.fasterxml.jackson.databind.node.BaseJsonNode) node).serialize(gen, provider);
                }
            }
            default -> ((com.fasterxml.jackson.databind.node.BaseJsonNode) node).serialize(gen, provider);
        }
    }
}
