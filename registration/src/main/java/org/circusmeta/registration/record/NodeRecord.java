package org.circusmeta.registration.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.QualifiedName;

/**
 * What a node says of itself in {@code /nodes/<name>} (docs/registry.md, "The node record"):
 *
 * <pre>{"name", "endpoint", "pubsub_endpoint", "stats_endpoint", "logs_endpoint", "host", "labels",
 *  "capacity", "kind", "version", "registered_at"}</pre>
 *
 * <p>Fields this version does not know are kept in {@link #extra()} and written back unchanged.
 * {@code stats_endpoint} is null for a circusd without circusd-stats. {@code logs_endpoint}, where the
 * output of the node's processes is served (docs/logs.md), is left out of the JSON when the node serves
 * none (a record of an older agent reads as such). Every endpoint is one the
 * manager can connect to: {@code tcp://HOST:PORT} with a real host and port (a wildcard bind such as
 * {@code 0.0.0.0} or port 0 is refused) or {@code ipc://PATH}.
 *
 * <p>Immutable and thread-safe: {@link #extra()} and {@link #toJson()} return copies.
 */
public record NodeRecord(
        String name,
        String endpoint,
        Optional<String> pubsubEndpoint,
        Optional<String> statsEndpoint,
        Optional<String> logsEndpoint,
        String host,
        Map<String, String> labels,
        double capacity,
        String kind,
        String version,
        Instant registeredAt,
        ObjectNode extra) {

    public static final String KIND_CIRCUSD = "circusd";
    public static final String KIND_NODE = "circusmeta-node";
    /** A node the manager's configuration lists (it cannot register itself); never written in ZooKeeper. */
    public static final String KIND_STATIC = "static";
    private static final Set<String> KNOWN = Set.of("name", "endpoint", "pubsub_endpoint", "stats_endpoint",
            "logs_endpoint", "host", "labels", "capacity", "kind", "version", "registered_at");

    /**
     * @throws IllegalArgumentException naming the field, when a value breaks the rules above
     */
    public NodeRecord {
        QualifiedName.requireNodeName(name);
        requireEndpoint("endpoint", endpoint);
        Objects.requireNonNull(pubsubEndpoint, "pubsub_endpoint").ifPresent(e -> requireEndpoint("pubsub_endpoint", e));
        Objects.requireNonNull(statsEndpoint, "stats_endpoint").ifPresent(e -> requireEndpoint("stats_endpoint", e));
        Objects.requireNonNull(logsEndpoint, "logs_endpoint").ifPresent(e -> requireEndpoint("logs_endpoint", e));
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(registeredAt, "registered_at");
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("'capacity' must be a positive number, got " + capacity);
        }
        labels = Map.copyOf(labels);
        ObjectNode unknown = CircusJson.object();
        extra.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                unknown.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        extra = unknown;
    }

    /** A record with no extra fields and no logs endpoint, registered now (to the second). */
    public static NodeRecord of(String name, String endpoint, Optional<String> pubsub, Optional<String> stats, String host,
            Map<String, String> labels, double capacity, String kind, String version) {
        return new NodeRecord(name, endpoint, pubsub, stats, Optional.empty(), host, labels, capacity, kind, version,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), CircusJson.object());
    }

    private static void requireEndpoint(String field, String value) {
        Endpoint parsed;
        try {
            parsed = Endpoint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "': " + e.getMessage(), e);
        }
        unconnectable(parsed, value).ifPresent(why -> {
            throw new IllegalArgumentException("'" + field + "' " + why + "; advertise "
                    + (parsed.isWildcard() ? "this host's address instead (--advertise-host)" : "the port actually bound"));
        });
    }

    /**
     * What keeps an endpoint out of a record, in words: not {@code tcp://HOST:PORT} or {@code ipc://PATH},
     * a bind on every interface, or port 0.
     *
     * @return empty when a manager can connect to it
     */
    public static Optional<String> endpointProblem(String value) {
        try {
            return unconnectable(Endpoint.parse(value), value);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> unconnectable(Endpoint parsed, String value) {
        if (parsed.isWildcard()) {
            return Optional.of("is " + value + ", a bind on every interface, which no manager can connect to");
        }
        if (parsed.isTcp() && parsed.port() == 0) {
            return Optional.of("is " + value + ": port 0 means 'any free port' when binding");
        }
        return Optional.empty();
    }

    /** The fields this version does not know, as read; a copy. */
    @Override
    public ObjectNode extra() {
        return extra.deepCopy();
    }

    public NodeRecord withName(String newName) {
        return new NodeRecord(newName, endpoint, pubsubEndpoint, statsEndpoint, logsEndpoint, host, labels, capacity, kind,
                version, registeredAt, extra);
    }

    public NodeRecord withRegisteredAt(Instant at) {
        return new NodeRecord(name, endpoint, pubsubEndpoint, statsEndpoint, logsEndpoint, host, labels, capacity, kind,
                version, at, extra);
    }

    /** @throws IllegalArgumentException when the endpoint is not one a manager can connect to */
    public NodeRecord withLogsEndpoint(Optional<String> logs) {
        return new NodeRecord(name, endpoint, pubsubEndpoint, statsEndpoint, logs, host, labels, capacity, kind, version,
                registeredAt, extra);
    }

    /** The record's JSON, keys in the order of docs/registry.md, then the extra fields. */
    public ObjectNode toJson() {
        ObjectNode node = CircusJson.object();
        node.put("name", name);
        node.put("endpoint", endpoint);
        putOptional(node, "pubsub_endpoint", pubsubEndpoint);
        putOptional(node, "stats_endpoint", statsEndpoint);
        logsEndpoint.ifPresent(e -> node.put("logs_endpoint", e));
        node.put("host", host);
        ObjectNode l = node.putObject("labels");
        new TreeMap<>(labels).forEach(l::put);
        node.put("capacity", capacity);
        node.put("kind", kind);
        node.put("version", version);
        node.put("registered_at", registeredAt.toString());
        extra.properties().forEach(e -> node.set(e.getKey(), e.getValue().deepCopy()));
        return node;
    }

    public byte[] toBytes() {
        return CircusJson.write(toJson());
    }

    private static void putOptional(ObjectNode node, String key, Optional<String> value) {
        if (value.isPresent()) {
            node.put(key, value.get());
        } else {
            node.putNull(key);
        }
    }

    /** The outcome of reading a znode: a valid record, or why it is not one. */
    /** The most a record may have: a bigger one is {@link Invalid}, unread (a record has a few hundred bytes). */
    public static final int MAX_BYTES = 64 << 10;

    public sealed interface Parsed permits Valid, Invalid {}

    /** A record that may be attached. */
    public record Valid(NodeRecord record) implements Parsed {}

    /** @param reason what is wrong, in words an operator can act on */
    public record Invalid(String reason) implements Parsed {}

    /**
     * Reads the data of {@code /nodes/<znodeName>}. Invalid when it is not a JSON object, lacks
     * {@code name} or {@code endpoint}, names another node than its znode, has a field of the
     * wrong type or form, or has more than {@link #MAX_BYTES}. Never throws.
     */
    public static Parsed parse(String znodeName, byte[] data) {
        if (data == null || data.length == 0) {
            return new Invalid("the znode is empty; a node record is a JSON object with at least name and endpoint");
        }
        if (data.length > MAX_BYTES) {
            return new Invalid("the record has " + data.length + " bytes, more than the " + MAX_BYTES + " a node record"
                    + " may have; it is not read: keep its labels and fields short");
        }
        ObjectNode json;
        try {
            json = CircusJson.readObject(data);
        } catch (MalformedMessageException e) {
            return new Invalid("the record is not a JSON object (" + e.getMessage() + ")");
        }
        try {
            String name = requiredText(json, "name");
            if (!name.equals(znodeName)) {
                return new Invalid("the record names node '" + name + "' but sits at " + RegistryPaths.node(znodeName)
                        + "; a node registers under its own name");
            }
            return new Valid(new NodeRecord(name, requiredText(json, "endpoint"), optionalText(json, "pubsub_endpoint"),
                    optionalText(json, "stats_endpoint"), optionalText(json, "logs_endpoint"),
                    optionalText(json, "host").orElse(""), labels(json),
                    capacity(json), optionalText(json, "kind").orElse(KIND_CIRCUSD),
                    optionalText(json, "version").orElse(""), registeredAt(json), json));
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static Map<String, String> labels(ObjectNode json) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = json.path("labels");
        if (l.isMissingNode() || l.isNull()) {
            return labels;
        }
        if (!l.isObject()) {
            throw new IllegalArgumentException("'labels' must be an object of strings, got " + l);
        }
        for (Map.Entry<String, JsonNode> e : l.properties()) {
            JsonNode v = e.getValue();
            labels.put(e.getKey(), v.isTextual() ? v.textValue() : v.isNull() ? "" : v.toString());
        }
        return labels;
    }

    private static double capacity(ObjectNode json) {
        JsonNode cap = json.path("capacity");
        if (cap.isMissingNode() || cap.isNull()) {
            return 1.0;
        }
        if (!cap.isNumber()) {
            throw new IllegalArgumentException("'capacity' must be a number, got " + cap);
        }
        return cap.doubleValue();
    }

    private static Instant registeredAt(ObjectNode json) {
        Optional<String> at = optionalText(json, "registered_at");
        try {
            return at.map(Instant::parse).orElse(Instant.EPOCH);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'registered_at' is not an ISO-8601 instant such as"
                    + " 2026-11-26T01:02:03Z: " + at.get(), e);
        }
    }

    private static String requiredText(ObjectNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the record has no '" + field + "'");
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string, got " + v);
        }
        return v.textValue();
    }

    private static Optional<String> optionalText(ObjectNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string, got " + v);
        }
        return v.textValue().isEmpty() ? Optional.empty() : Optional.of(v.textValue());
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
