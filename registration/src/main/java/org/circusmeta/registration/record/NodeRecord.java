package org.circusmeta.registration.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.QualifiedName;

/**
 * What a node says of itself in {@code /nodes/<name>} (SPEC §3):
 *
 * <pre>{"name", "endpoint", "pubsub_endpoint", "stats_endpoint", "host", "labels", "capacity",
 *  "kind", "version", "registered_at"}</pre>
 *
 * <p>Fields this version does not know are kept in {@link #extra()} and written back unchanged.
 * {@code stats_endpoint} is null for a circusd without circusd-stats.
 *
 * <p>Immutable.
 */
public record NodeRecord(
        String name,
        String endpoint,
        Optional<String> pubsubEndpoint,
        Optional<String> statsEndpoint,
        String host,
        Map<String, String> labels,
        double capacity,
        String kind,
        String version,
        Instant registeredAt,
        ObjectNode extra) {

    public static final String KIND_CIRCUSD = "circusd";
    public static final String KIND_NODE = "circusmeta-node";
    private static final Set<String> KNOWN = Set.of("name", "endpoint", "pubsub_endpoint", "stats_endpoint", "host",
            "labels", "capacity", "kind", "version", "registered_at");

    public NodeRecord {
        QualifiedName.requireNodeName(name);
        requireEndpoint("endpoint", endpoint);
        pubsubEndpoint.ifPresent(e -> requireEndpoint("pubsub_endpoint", e));
        statsEndpoint.ifPresent(e -> requireEndpoint("stats_endpoint", e));
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity must be a positive number, got " + capacity);
        }
        labels = Map.copyOf(labels);
        extra = extra.deepCopy();
    }

    /** A record with no extra fields, registered now. */
    public static NodeRecord of(String name, String endpoint, Optional<String> pubsub, Optional<String> stats, String host,
            Map<String, String> labels, double capacity, String kind, String version) {
        return new NodeRecord(name, endpoint, pubsub, stats, host, labels, capacity, kind, version,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), CircusJson.object());
    }

    private static void requireEndpoint(String field, String value) {
        try {
            Endpoint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    public NodeRecord withName(String newName) {
        return new NodeRecord(newName, endpoint, pubsubEndpoint, statsEndpoint, host, labels, capacity, kind, version,
                registeredAt, extra);
    }

    public NodeRecord withRegisteredAt(Instant at) {
        return new NodeRecord(name, endpoint, pubsubEndpoint, statsEndpoint, host, labels, capacity, kind, version, at,
                extra);
    }

    /** The record's JSON, keys in SPEC order, then the extra fields. */
    public ObjectNode toJson() {
        ObjectNode node = CircusJson.object();
        node.put("name", name);
        node.put("endpoint", endpoint);
        putOptional(node, "pubsub_endpoint", pubsubEndpoint);
        putOptional(node, "stats_endpoint", statsEndpoint);
        node.put("host", host);
        ObjectNode l = node.putObject("labels");
        new java.util.TreeMap<>(labels).forEach(l::put);
        node.put("capacity", capacity);
        node.put("kind", kind);
        node.put("version", version);
        node.put("registered_at", registeredAt.toString());
        extra.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                node.set(e.getKey(), e.getValue());
            }
        });
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
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(NodeRecord record) implements Parsed {}

    /** @param reason what is wrong, in words an operator can act on */
    public record Invalid(String reason) implements Parsed {}

    /**
     * Reads the data of {@code /nodes/<znodeName>}. Invalid when it is not a JSON object, lacks
     * {@code name} or {@code endpoint}, names another node than its znode, or has a field of the
     * wrong type or form. Never throws.
     */
    public static Parsed parse(String znodeName, byte[] data) {
        if (data == null || data.length == 0) {
            return new Invalid("the znode is empty; a node record is a JSON object with at least name and endpoint");
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
            String endpoint = requiredText(json, "endpoint");
            Map<String, String> labels = new LinkedHashMap<>();
            JsonNode l = json.path("labels");
            if (!l.isMissingNode() && !l.isNull()) {
                if (!l.isObject()) {
                    return new Invalid("'labels' must be an object of strings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    labels.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
                }
            }
            JsonNode cap = json.path("capacity");
            double capacity = cap.isMissingNode() || cap.isNull() ? 1.0 : cap.isNumber() ? cap.doubleValue() : Double.NaN;
            if (Double.isNaN(capacity)) {
                return new Invalid("'capacity' must be a number, got " + cap);
            }
            Instant registeredAt = Instant.EPOCH;
            String at = optionalText(json, "registered_at").orElse("");
            if (!at.isEmpty()) {
                try {
                    registeredAt = Instant.parse(at);
                } catch (java.time.format.DateTimeParseException e) {
                    return new Invalid("'registered_at' is not an ISO-8601 instant: " + at);
                }
            }
            ObjectNode extra = CircusJson.object();
            json.properties().forEach(e -> {
                if (!KNOWN.contains(e.getKey())) {
                    extra.set(e.getKey(), e.getValue());
                }
            });
            return new Valid(new NodeRecord(name, endpoint, optionalText(json, "pubsub_endpoint"),
                    optionalText(json, "stats_endpoint"), optionalText(json, "host").orElse(""), labels, capacity,
                    optionalText(json, "kind").orElse(KIND_CIRCUSD), optionalText(json, "version").orElse(""),
                    registeredAt, extra));
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
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
