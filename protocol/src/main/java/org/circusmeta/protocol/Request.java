package org.circusmeta.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One command for a circusd: {@code {"command": C, "properties": {...}, "id": ID}}, plus
 * {@code "msg_type": "cast"} for a fire-and-forget call. Encoded exactly as circusctl encodes it,
 * keys in that order.
 *
 * <p>Immutable and thread-safe: every {@code with…} returns a copy. {@link #properties()} returns a copy
 * too, so callers may change what they get.
 */
public final class Request {
    private final String command;
    private final ObjectNode properties;
    private final JsonNode id;
    private final boolean cast;
    private final byte[] raw;

    private Request(String command, ObjectNode properties, JsonNode id, boolean cast, byte[] raw) {
        this.command = command;
        this.properties = properties;
        this.id = id;
        this.cast = cast;
        this.raw = raw;
    }

    /** A command without properties, without an id (the client assigns one when it sends). */
    public static Request of(String command) {
        return of(command, CircusJson.object());
    }

    public static Request of(String command, ObjectNode properties) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("a circus command needs a name");
        }
        return new Request(command, properties.deepCopy(), NullNode.instance, false, null);
    }

    /** Properties given as plain Java values (strings, numbers, booleans, lists, maps). */
    public static Request of(String command, Map<String, ?> properties) {
        return of(command, CircusJson.mapper().<ObjectNode>valueToTree(properties));
    }

    /** A copy with one more property, converted from a plain Java value. */
    public Request with(String key, Object value) {
        ObjectNode copy = properties.deepCopy();
        copy.set(key, CircusJson.mapper().valueToTree(value));
        return new Request(command, copy, id, cast, null);
    }

    public Request withId(String newId) {
        return withId(TextNode.valueOf(newId));
    }

    public Request withId(JsonNode newId) {
        return new Request(command, properties, newId, cast, null);
    }

    /** The same command sent as a cast: the daemon runs it and never replies. */
    public Request asCast() {
        return new Request(command, properties, id, true, null);
    }

    public String command() {
        return command;
    }

    /** The command name as circusd dispatches it: lower-cased ({@code "LIST"} works). */
    public String commandKey() {
        return command.toLowerCase(Locale.ROOT);
    }

    public ObjectNode properties() {
        return properties.deepCopy();
    }

    /** One property, if present and not JSON null. */
    public Optional<JsonNode> property(String key) {
        JsonNode value = properties.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** A property that is a JSON string. */
    public Optional<String> text(String key) {
        return property(key).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** A property read as Python reads a truthy flag: true, non-zero, non-empty. */
    public boolean flag(String key) {
        return property(key).map(Request::truthy).orElse(false);
    }

    static boolean truthy(JsonNode v) {
        return switch (v.getNodeType()) {
            case BOOLEAN -> v.booleanValue();
            case NUMBER -> v.doubleValue() != 0;
            case STRING -> !v.textValue().isEmpty();
            case ARRAY, OBJECT -> v.size() > 0;
            default -> false;
        };
    }

    /** The id as sent: usually a 32-character hex string, JSON null when absent. */
    public JsonNode id() {
        return id;
    }

    public Optional<String> idText() {
        return id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
    }

    public boolean isCast() {
        return cast;
    }

    /** The bytes this request was parsed from, when it came off a socket. */
    public Optional<byte[]> raw() {
        return raw == null ? Optional.empty() : Optional.of(raw.clone());
    }

    public ObjectNode toJson() {
        ObjectNode node = CircusJson.object();
        node.put("command", command);
        node.set("properties", properties.deepCopy());
        if (cast) {
            node.put("msg_type", "cast");
        }
        node.set("id", id);
        return node;
    }

    public byte[] toBytes() {
        return CircusJson.write(toJson());
    }

    /**
     * Reads a request as circusd's controller does. {@code properties} defaults to {@code {}},
     * {@code id} to null; {@code msg_type: "cast"} marks a cast.
     *
     * @throws MalformedRequestException with the errno and reason of the error reply to send back
     */
    public static Request parse(byte[] raw) {
        JsonNode node;
        try {
            node = CircusJson.read(raw);
        } catch (MalformedMessageException e) {
            throw new MalformedRequestException(Errno.INVALID_JSON, "json invalid", NullNode.instance);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedRequestException(Errno.INVALID_JSON, "json invalid", NullNode.instance);
        }
        JsonNode id = object.path("id");
        if (id.isMissingNode()) {
            id = NullNode.instance;
        }
        JsonNode command = object.get("command");
        if (command == null || !command.isTextual() || command.textValue().isEmpty()) {
            throw new MalformedRequestException(Errno.MESSAGE_ERROR, "message invalid 'command' is missing", id);
        }
        JsonNode props = object.get("properties");
        ObjectNode properties;
        if (props == null || props.isNull()) {
            properties = CircusJson.object();
        } else if (props.getNodeType() == JsonNodeType.OBJECT) {
            properties = (ObjectNode) props;
        } else {
            throw new MalformedRequestException(
                    Errno.MESSAGE_ERROR, "message invalid 'properties' should be an object", id);
        }
        boolean cast = "cast".equals(object.path("msg_type").asText(""));
        return new Request(command.textValue(), properties, id, cast, raw.clone());
    }

    /**
     * The prefix circusd puts before the text of an unexpected exception (errno 5):
     * {@code command b'<the raw request bytes>'}, the bytes shown as a Python bytes repr.
     */
    public String pythonRepr() {
        byte[] bytes = raw == null ? toBytes() : raw;
        return "command " + pythonBytesRepr(bytes);
    }

    static String pythonBytesRepr(byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(bytes.length + 3).append('b').append(quote);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
