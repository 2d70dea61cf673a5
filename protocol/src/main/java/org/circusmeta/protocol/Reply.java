package org.circusmeta.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A circusd reply, kept whole as a JSON tree so that nothing the daemon sends is lost.
 *
 * <p>Success: {@code {"status": "ok", "time": T, <fields>, "id": ID}}; {@code status NAME} puts the
 * watcher state in {@code status} instead of {@code ok}. Error: {@code {"status": "error", "reason": R,
 * "tb": null, "time": T, "errno": N, "id": ID}}. Replies built here keep those key orders.
 *
 * <p>circusd tells its refusals apart by their reason text; the few that callers act on are
 * recognised here, and only here: {@link #isUnknownWatcher()}, {@link #isAlreadyExists()},
 * {@link #isBusy()}. docs/protocol.md lists the reasons and errnos.
 *
 * <p>Immutable and thread-safe.
 */
public final class Reply {
    /** How circusd's "another exclusive command is running" refusal starts (errno 5). */
    public static final String BUSY_PREFIX = "arbiter is already running";
    private static final String UNKNOWN_WATCHER_PREFIX = "program ";
    private static final String UNKNOWN_WATCHER_SUFFIX = " not found";
    private static final String ALREADY_EXISTS_SUFFIX = " already exist";

    private final ObjectNode body;

    private Reply(ObjectNode body) {
        this.body = body;
    }

    /**
     * Reads a reply frame.
     *
     * @throws MalformedMessageException when it is not a JSON object
     */
    public static Reply parse(byte[] frame) {
        ObjectNode body = CircusJson.readObject(frame);
        return new Reply(body);
    }

    /** Wraps a tree as received; the tree is copied. */
    public static Reply of(ObjectNode body) {
        return new Reply(body.deepCopy());
    }

    /** Starts a success reply: {@code status} is {@code ok}. */
    public static Builder ok() {
        return new Builder("ok");
    }

    /** Starts a success reply whose status is a watcher state ({@code status NAME}). */
    public static Builder withStatus(String status) {
        return new Builder(status);
    }

    /**
     * An error reply in circusd's key order ({@code status, reason, tb, time, errno, id}), {@code tb}
     * null and id null until {@link #withId}.
     */
    public static Reply error(String reason, Errno errno) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(errno, "errno");
        ObjectNode body = CircusJson.object();
        body.put("status", "error");
        body.put("reason", reason);
        body.putNull("tb");
        body.put("time", now());
        body.put("errno", errno.code());
        body.putNull("id");
        return new Reply(body);
    }

    /** circusd's answer to a command it does not know: errno 2, {@code unknown command: 'NAME'} (Python repr). */
    public static Reply unknownCommand(String command) {
        return error("unknown command: " + PythonRepr.str(command), Errno.UNKNOWN_COMMAND);
    }

    /** circusd's answer to a request that lacks a required property: errno 3, {@code message invalid 'P' is missing}. */
    public static Reply missingProperty(String property) {
        return error("message invalid '" + property + "' is missing", Errno.MESSAGE_ERROR);
    }

    /**
     * circusd's answer to a command naming a watcher it does not have: errno 3,
     * {@code program NAME not found}, the name as the client sent it.
     */
    public static Reply unknownWatcher(String name) {
        return error(UNKNOWN_WATCHER_PREFIX + name + UNKNOWN_WATCHER_SUFFIX, Errno.MESSAGE_ERROR);
    }

    static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** A copy addressed to a request's id; the id stays the last key. */
    public Reply withId(JsonNode id) {
        ObjectNode copy = body.deepCopy();
        copy.remove("id");
        copy.set("id", id == null ? NullNode.instance : id);
        return new Reply(copy);
    }

    /** {@code ok}, {@code error}, or a watcher state for {@code status NAME}; "" when absent. */
    public String status() {
        return body.path("status").asText("");
    }

    public boolean isError() {
        return "error".equals(status());
    }

    /** True unless the daemon said {@code error}: {@code ok} and watcher states are answers. */
    public boolean isOk() {
        return !isError();
    }

    /** The reason of an error reply. */
    public Optional<String> reason() {
        JsonNode r = body.get("reason");
        return r == null || r.isNull() ? Optional.empty() : Optional.of(r.asText());
    }

    /** The errno of an error reply ({@link Errno#of} names it). */
    public OptionalInt errno() {
        JsonNode e = body.get("errno");
        return e != null && e.canConvertToInt() ? OptionalInt.of(e.intValue()) : OptionalInt.empty();
    }

    /**
     * The daemon refused because another state-changing command was still running
     * ({@code arbiter is already running … command}, errno 5). Worth retrying shortly.
     */
    public boolean isBusy() {
        return isError(Errno.COMMAND_ERROR) && reason().map(r -> r.startsWith(BUSY_PREFIX)).orElse(false);
    }

    /**
     * The daemon has no watcher of the name the command gave: errno 3, {@code program NAME not found}
     * (any command that names a watcher; {@code start}, {@code stop} and {@code restart} also when
     * their pattern matched none).
     */
    public boolean isUnknownWatcher() {
        return isError(Errno.MESSAGE_ERROR) && reason()
                .map(r -> r.startsWith(UNKNOWN_WATCHER_PREFIX) && r.endsWith(UNKNOWN_WATCHER_SUFFIX)).orElse(false);
    }

    /**
     * An {@code add} refused because the daemon already has a watcher of that name: circusd's generic
     * errno-5 form, {@code command b'<the request>': 'NAME' already exist}.
     */
    public boolean isAlreadyExists() {
        return isError(Errno.COMMAND_ERROR) && reason().map(r -> r.endsWith(ALREADY_EXISTS_SUFFIX)).orElse(false);
    }

    private boolean isError(Errno errno) {
        return isError() && errno().orElse(-1) == errno.code();
    }

    /** When circusd built the reply, in Unix seconds; 0 when absent. */
    public double time() {
        return body.path("time").asDouble(0.0);
    }

    /** The id copied from the request; JSON null when absent. */
    public JsonNode id() {
        JsonNode id = body.get("id");
        return id == null ? NullNode.instance : id.deepCopy();
    }

    /** One field of the reply (a copy); a missing node when absent. */
    public JsonNode get(String field) {
        return body.path(field).deepCopy();
    }

    /** A copy of the whole tree. */
    public ObjectNode toJson() {
        return body.deepCopy();
    }

    /** The reply encoded as circusd encodes it. */
    public byte[] toBytes() {
        return CircusJson.write(body);
    }

    @Override
    public String toString() {
        return CircusJson.writeString(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reply other && other.body.equals(body);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    /** Builds a success reply in circusd's key order: status, time, the fields, id. Not thread-safe. */
    public static final class Builder {
        private final ObjectNode body = CircusJson.object();

        private Builder(String status) {
            body.put("status", status);
            body.put("time", now());
        }

        /** Adds a field (a copy of the tree is taken at {@link #build()}). */
        public Builder put(String field, JsonNode value) {
            body.set(field, value == null ? NullNode.instance : value);
            return this;
        }

        /** A field from a plain Java value (converted with the shared mapper). */
        public Builder put(String field, Object value) {
            return put(field, CircusJson.mapper().<JsonNode>valueToTree(value));
        }

        /** The reply, with id null until {@link Reply#withId}; the builder can go on being used. */
        public Reply build() {
            ObjectNode copy = body.deepCopy();
            copy.putNull("id");
            return new Reply(copy);
        }
    }
}
