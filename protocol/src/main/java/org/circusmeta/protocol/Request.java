package org.circusmeta.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One command for a circusd: {@code {"command": C, "properties": {...}, "id": ID}}, with
 * {@code "msg_type": "cast"} before the id for a fire-and-forget call. {@link #toBytes()} encodes it
 * exactly as circusctl does (keys in that order, Python's separators and escapes).
 *
 * <p>Immutable and thread-safe: every {@code with…} returns a copy, and {@link #properties()} returns
 * a copy, so callers may change what they get.
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

    /** A command without properties and without an id (the client assigns one when it sends). */
    public static Request of(String command) {
        return of(command, CircusJson.object());
    }

    /** A command with properties (copied). */
    public static Request of(String command, ObjectNode properties) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("a circus command needs a name, e.g. 'status'");
        }
        Objects.requireNonNull(properties, "properties (use Request.of(command) for none)");
        return new Request(command, properties.deepCopy(), NullNode.instance, false, null);
    }

    /** Properties given as plain Java values (strings, numbers, booleans, lists, maps). */
    public static Request of(String command, Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties (use Request.of(command) for none)");
        return of(command, CircusJson.mapper().<ObjectNode>valueToTree(properties));
    }

    /** A copy with one more property (or a replaced one), converted from a plain Java value or a tree. */
    public Request with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        ObjectNode copy = properties.deepCopy();
        copy.set(key, value instanceof JsonNode tree ? tree.deepCopy() : CircusJson.mapper().valueToTree(value));
        return new Request(command, copy, id, cast, null);
    }

    /** A copy with this id; null means JSON null (circusd then answers with {@code "id": null}). */
    public Request withId(String newId) {
        return withId(newId == null ? NullNode.instance : TextNode.valueOf(newId));
    }

    /** A copy with this id, any JSON value (circusd copies it back unchanged). */
    public Request withId(JsonNode newId) {
        return new Request(command, properties, newId == null ? NullNode.instance : newId, cast, null);
    }

    /** The same command sent as a cast: the daemon runs it and never replies, not even on error. */
    public Request asCast() {
        return new Request(command, properties, id, true, null);
    }

    /** The command name as sent (circusd matches it case-insensitively). */
    public String command() {
        return command;
    }

    /** The command name as circusd dispatches it: lower-cased ({@code "LIST"} works). */
    public String commandKey() {
        return command.toLowerCase(Locale.ROOT);
    }

    /** A copy of the properties. */
    public ObjectNode properties() {
        return properties.deepCopy();
    }

    /** One property, if present and not JSON null. */
    public Optional<JsonNode> property(String key) {
        JsonNode value = properties.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.deepCopy());
    }

    /** A property that is a JSON string. */
    public Optional<String> text(String key) {
        JsonNode value = properties.get(key);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /** A property read as Python reads a truthy flag: true, non-zero, non-empty. */
    public boolean flag(String key) {
        JsonNode value = properties.get(key);
        return value != null && truthy(value);
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

    /** The id when it is a string. */
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

    /** The request as a tree, keys in circusctl's order (a copy). */
    public ObjectNode toJson() {
        return tree(properties.deepCopy());
    }

    private ObjectNode tree(ObjectNode props) {
        ObjectNode node = CircusJson.object();
        node.put("command", command);
        node.set("properties", props);
        if (cast) {
            node.put("msg_type", "cast");
        }
        node.set("id", id);
        return node;
    }

    /** The frame circusctl would send for this request. */
    public byte[] toBytes() {
        // The tree is written and dropped at once, so it may share the (never mutated) properties.
        return CircusJson.write(tree(properties));
    }

    /**
     * Reads a request as circusd's controller does: {@code properties} defaults to {@code {}}, {@code id}
     * to null, {@code msg_type: "cast"} marks a cast.
     *
     * @throws MalformedRequestException with the errno and reason of the error reply to send back:
     *     errno 1 {@code json invalid} (id null) for a body that is not a JSON object, as circusd does;
     *     errno 3 {@code message invalid 'command' is missing} where circusd 0.19 sends nothing and
     *     stalls (docs/protocol.md, "Malformed input"); errno 3 when {@code properties} is not an object
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
        } else if (props instanceof ObjectNode given) {
            properties = given;
        } else {
            throw new MalformedRequestException(
                    Errno.MESSAGE_ERROR, "message invalid 'properties' should be an object", id);
        }
        JsonNode msgType = object.get("msg_type");
        boolean cast = msgType != null && "cast".equals(msgType.textValue());
        return new Request(command.textValue(), properties, id, cast, raw.clone());
    }

    /**
     * The prefix circusd puts before the text of an unexpected exception (errno 5):
     * {@code command b'<the raw request bytes>'}, the bytes shown as Python's bytes repr. Uses the
     * bytes received when the request came off a socket, otherwise {@link #toBytes()}.
     */
    public String pythonRepr() {
        return "command " + PythonRepr.bytes(raw == null ? toBytes() : raw);
    }

    @Override
    public String toString() {
        return CircusJson.writeString(tree(properties));
    }
}
