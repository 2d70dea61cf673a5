package org.circusmeta.manager.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Request;

/**
 * A cluster watcher as recorded under {@code /watchers/<name>}: the watcher circus is to run and the
 * labels it was placed by ({@link WatcherDefinition}: its {@code spec} and {@code constraints}), the
 * node it is placed on, when, by which manager replica and why, and the nodes it was moved off whose
 * copies may still run ({@code moved_from}, emptied as those copies are removed). The znode name is
 * the watcher's name in lower case, as circus compares names. docs/placement.md shows a record.
 *
 * <p>Immutable. This class is the one place the record is written and read.
 */
public record ClusterWatcherRecord(WatcherDefinition definition, String node, Instant placedAt, String placedBy,
        String reason, List<String> movedFrom) {

    public ClusterWatcherRecord {
        movedFrom = List.copyOf(new LinkedHashSet<>(movedFrom));
    }

    /** The znode name of a watcher: lower case, as circus compares watcher names. */
    public static String key(String watcher) {
        return watcher.toLowerCase(Locale.ROOT);
    }

    public String name() {
        return definition.name();
    }

    public String key() {
        return key(name());
    }

    public int numprocesses() {
        return definition.processes();
    }

    public WatcherSpec watcherSpec() {
        return definition.placement();
    }

    /** circus's {@code add} for this watcher. */
    public Request addRequest() {
        return definition.addRequest(false);
    }

    /** Placed again on another node: the old node joins {@code moved_from}. */
    public ClusterWatcherRecord movedTo(String newNode, Instant at, String by, String why) {
        List<String> from = new ArrayList<>(movedFrom);
        from.add(node);
        from.remove(newNode);
        return new ClusterWatcherRecord(definition, newNode, at, by, why, from);
    }

    /** The copies on these nodes are gone: they leave {@code moved_from}. */
    public ClusterWatcherRecord withoutCopiesOn(List<String> nodes) {
        List<String> from = new ArrayList<>(movedFrom);
        from.removeAll(nodes);
        return new ClusterWatcherRecord(definition, node, placedAt, placedBy, reason, from);
    }

    public byte[] toBytes() {
        ObjectNode json = CircusJson.object();
        json.put("name", name());
        json.put("node", node);
        json.set("spec", definition.spec());
        json.set("constraints", CircusJson.mapper().valueToTree(new TreeMap<>(definition.constraints())));
        json.put("placed_at", placedAt.toString());
        json.put("placed_by", placedBy);
        json.put("reason", reason);
        ArrayNode from = json.putArray("moved_from");
        movedFrom.forEach(from::add);
        return CircusJson.write(json);
    }

    /** Reads a record; empty, with the reason logged by the caller, when it is not one. */
    public static Optional<ClusterWatcherRecord> parse(byte[] data) {
        try {
            JsonNode json = CircusJson.mapper().readTree(data);
            if (json == null || !json.path("name").isTextual() || !json.path("node").isTextual()
                    || !json.path("spec").isObject() || !json.path("spec").path("cmd").isTextual()) {
                return Optional.empty();
            }
            Map<String, String> constraints = new TreeMap<>();
            json.path("constraints").properties().forEach(e -> constraints.put(e.getKey(), e.getValue().asText()));
            List<String> from = new ArrayList<>();
            json.path("moved_from").forEach(n -> from.add(n.asText()));
            Instant at = json.path("placed_at").isTextual() ? Instant.parse(json.path("placed_at").asText()) : Instant.EPOCH;
            WatcherDefinition definition = WatcherDefinition.read(json.path("name").asText(), (ObjectNode) json.path("spec"),
                    constraints);
            return Optional.of(new ClusterWatcherRecord(definition, json.path("node").asText(), at,
                    json.path("placed_by").asText(""), json.path("reason").asText(""), from));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
