package org.circusmeta.manager.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord.Copy;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord.StartFailure;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;

/**
 * The JSON of a {@code /watchers/NAME} record (docs/registry.md): the one place it is written and read.
 * A record of one placed copy also carries that copy's node as {@code node}, as a manager that knew
 * one node per watcher wrote it, and a record with {@code node} but no {@code copies} (such a
 * manager's) is read as one copy there.
 *
 * <p>Stateless.
 */
final class RecordFormat {
    private RecordFormat() {}

    static byte[] write(ClusterWatcherRecord r) {
        ObjectNode json = CircusJson.object();
        json.put("name", r.name());
        json.set("instances", r.instances().toJson());
        r.spread().ifPresent(label -> json.put("spread", label));
        json.put("pinned", r.pinned());
        if (!r.pinned() && r.instances().equals(Instances.ONE) && r.copies().size() == 1) {
            json.put("node", r.copies().get(0).node());
        }
        json.set("spec", r.definition().spec());
        json.set("constraints", CircusJson.mapper().valueToTree(new TreeMap<>(r.definition().constraints())));
        ArrayNode copies = json.putArray("copies");
        for (Copy c : r.copies()) {
            copies.addObject().put("node", c.node()).put("placed_at", c.placedAt().toString()).put("placed_by", c.placedBy())
                    .put("reason", c.reason());
        }
        ArrayNode from = json.putArray("moved_from");
        r.movedFrom().forEach(from::add);
        if (!r.failures().isEmpty()) {
            ArrayNode failures = json.putArray("failures");
            r.failures().forEach(f -> failures.addObject().put("node", f.node()).put("at", f.at().toString())
                    .put("reason", f.reason()));
        }
        if (r.removing()) {
            json.put("removing", true);
        }
        return CircusJson.write(json);
    }

    static Optional<ClusterWatcherRecord> read(byte[] data) {
        try {
            JsonNode json = CircusJson.mapper().readTree(data);
            if (json == null || !json.path("name").isTextual() || !json.path("spec").isObject()
                    || !json.path("spec").path("cmd").isTextual()
                    || !json.path("copies").isArray() && !json.path("node").isTextual()) {
                return Optional.empty();
            }
            Optional<Instances> instances = json.has("instances") ? Instances.read(json.get("instances"))
                    : Optional.of(Instances.ONE);
            if (instances.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> constraints = new TreeMap<>();
            json.path("constraints").properties().forEach(e -> constraints.put(e.getKey(), e.getValue().asText()));
            WatcherDefinition definition = WatcherDefinition.read(json.path("name").asText(), (ObjectNode) json.path("spec"),
                    constraints);
            List<String> from = new ArrayList<>();
            json.path("moved_from").forEach(n -> from.add(n.asText()));
            Optional<String> spread = json.path("spread").isTextual() ? Optional.of(json.path("spread").asText())
                    : Optional.empty();
            return Optional.of(new ClusterWatcherRecord(definition, instances.get(), spread, json.path("pinned").asBoolean(false),
                    copies(json), from, failures(json), json.path("removing").asBoolean(false)));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<Copy> copies(JsonNode json) {
        List<Copy> copies = new ArrayList<>();
        if (!json.path("copies").isArray()) {
            copies.add(new Copy(json.path("node").asText(), instant(json.path("placed_at")), json.path("placed_by").asText(""),
                    json.path("reason").asText("")));
            return copies;
        }
        for (JsonNode c : json.path("copies")) {
            if (c.path("node").isTextual()) {
                copies.add(new Copy(c.path("node").asText(), instant(c.path("placed_at")), c.path("placed_by").asText(""),
                        c.path("reason").asText("")));
            }
        }
        return copies;
    }

    private static List<StartFailure> failures(JsonNode json) {
        List<StartFailure> failures = new ArrayList<>();
        for (JsonNode f : json.path("failures")) {
            failures.add(new StartFailure(f.path("node").asText(""), instant(f.path("at")), f.path("reason").asText("")));
        }
        return failures;
    }

    private static Instant instant(JsonNode at) {
        return at.isTextual() ? Instant.parse(at.asText()) : Instant.EPOCH;
    }
}
