package org.circusmeta.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Answers a RouterPeer's requests like a circusd with a few watchers, in the reply shapes of the
 * recorded transcripts: status, list, numwatchers, numprocesses, add, rm, start, stop, restart,
 * incr, decr; anything else gets circus's unknown-command error. Confined to the peer's thread.
 */
final class FakeCircusd implements Function<ObjectNode, Optional<ObjectNode>> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Watcher(String name, String state, int numprocesses) {}

    private final Map<String, Watcher> watchers = new TreeMap<>();

    FakeCircusd with(String name, int numprocesses) {
        watchers.put(name.toLowerCase(Locale.ROOT), new Watcher(name, "active", numprocesses));
        return this;
    }

    @Override
    public Optional<ObjectNode> apply(ObjectNode request) {
        String command = request.path("command").asText().toLowerCase(Locale.ROOT);
        JsonNode props = request.path("properties");
        String name = props.path("name").asText("");
        Watcher w = watchers.get(name.toLowerCase(Locale.ROOT));
        ObjectNode reply = ok(request);
        switch (command) {
            case "numwatchers" -> reply.put("numwatchers", watchers.size());
            case "list" -> reply.set("watchers", MAPPER.valueToTree(watchers.keySet()));
            case "status" -> {
                if (!name.isEmpty()) {
                    return Optional.of(w == null ? notFound(request, name) : state(request, w.state()));
                }
                ObjectNode statuses = reply.putObject("statuses");
                watchers.values().forEach(x -> statuses.put(x.name(), x.state()));
            }
            case "numprocesses" -> {
                if (!name.isEmpty() && w == null) {
                    return Optional.of(notFound(request, name));
                }
                reply.put("numprocesses", w != null ? w.numprocesses()
                        : watchers.values().stream().mapToInt(Watcher::numprocesses).sum());
            }
            case "add" -> {
                if (w != null) {
                    return Optional.of(error(request, "command b'...': '" + name + "' already exist", 5));
                }
                int n = props.path("options").path("numprocesses").asInt(1);
                watchers.put(name.toLowerCase(Locale.ROOT), new Watcher(name, props.path("start").asBoolean() ? "active" : "stopped", n));
            }
            case "rm", "start", "stop", "restart", "incr", "decr" -> {
                if (w == null) {
                    return Optional.of(notFound(request, name));
                }
                act(command, w, props.path("nb").asInt(1));
            }
            default -> {
                return Optional.of(error(request, "unknown command: '" + command + "'", 2));
            }
        }
        return Optional.of(reply);
    }

    private void act(String command, Watcher w, int nb) {
        String key = w.name().toLowerCase(Locale.ROOT);
        switch (command) {
            case "rm" -> watchers.remove(key);
            case "start", "restart" -> watchers.put(key, new Watcher(w.name(), "active", w.numprocesses()));
            case "stop" -> watchers.put(key, new Watcher(w.name(), "stopped", w.numprocesses()));
            case "incr" -> watchers.put(key, new Watcher(w.name(), w.state(), w.numprocesses() + nb));
            default -> watchers.put(key, new Watcher(w.name(), w.state(), Math.max(0, w.numprocesses() - nb)));
        }
    }

    private static ObjectNode ok(ObjectNode request) {
        return state(request, "ok");
    }

    private static ObjectNode state(ObjectNode request, String status) {
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("status", status);
        reply.put("time", System.currentTimeMillis() / 1000.0);
        reply.set("id", request.path("id"));
        return reply;
    }

    private static ObjectNode notFound(ObjectNode request, String name) {
        return error(request, "program " + name + " not found", 3);
    }

    private static ObjectNode error(ObjectNode request, String reason, int errno) {
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("status", "error");
        reply.put("reason", reason);
        reply.putNull("tb");
        reply.put("time", System.currentTimeMillis() / 1000.0);
        reply.put("errno", errno);
        reply.set("id", request.path("id"));
        return reply;
    }
}
