package org.circusmeta.manager.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code nodes} and {@code rename}.
 *
 * <p>Confined to the CLI's main thread.
 */
final class NodeCommands {
    private final Api api;

    NodeCommands(Api api) {
        this.api = api;
    }

    int nodes() {
        Json nodes = api.get("/api/nodes");
        Table table = new Table("NAME", "STATE", "KIND", "HOST", "WATCHERS>", "PROCESSES>", "CPU%>", "MEM%>", "SEEN",
                "LABELS", "ENDPOINT");
        List<String> failures = new ArrayList<>();
        for (Json node : nodes.elements()) {
            Json load = node.path("load");
            table.row(node.path("name").text("?"), node.path("state").text("?"), node.path("kind").text("-"),
                    node.path("host").text("-"), Table.count(load.path("watchers")), Table.count(load.path("processes")),
                    Table.decimal(load.path("cpu").number()), Table.decimal(load.path("mem").number()),
                    ago(node.path("last_seen")), labels(node.path("labels")), node.path("endpoint").text("-"));
            problem(node).ifPresent(failures::add);
        }
        if (!api.json()) {
            api.terminal().print(nodes.elements().isEmpty()
                    ? "No node is registered. Start one: scripts/circusmeta-node --config examples/node-web.ini"
                            + " --zookeeper HOST:2181"
                    : table.render());
        }
        failures.forEach(api.terminal()::error);
        return failures.isEmpty() ? Exits.OK : Exits.FAILED;
    }

    int rename() {
        List<String> names = api.invocation().positional();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", names.get(1));
        Json answer = api.post("/api/nodes/" + ManagerClient.segment(names.get(0)) + "/rename", Json.write(body));
        if (!api.json()) {
            api.terminal().print(answer.path("message").text("rename of " + names.get(0) + " to " + names.get(1)
                    + " requested"));
        }
        return Exits.OK;
    }

    private static Optional<String> problem(Json node) {
        String name = node.path("name").text("?");
        return switch (node.path("state").text("")) {
            case "unreachable" -> Optional.of("node " + name + " is unreachable"
                    + node.path("unreachable_since").text("").transform(s -> s.isEmpty() ? "" : " since " + s)
                    + ": " + node.path("reason").text("it does not answer at " + node.path("endpoint").text("its endpoint"))
                    + "; check that its daemon runs and that this endpoint is reachable from the manager");
            case "invalid" -> Optional.of("node " + name + " has an invalid registry record: "
                    + node.path("reason").text("no reason given"));
            default -> Optional.empty();
        };
    }

    static String labels(Json labels) {
        String text = labels.fields().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().text(""))
                .collect(Collectors.joining(","));
        return text.isEmpty() ? "-" : text;
    }

    /** How long ago an ISO-8601 instant was: {@code 3s ago}, {@code 5m ago}, {@code 2h ago}. */
    static String ago(Json instant) {
        if (!instant.isText()) {
            return "-";
        }
        try {
            long seconds = Math.max(0, Duration.between(Instant.parse(instant.text("")), Instant.now()).toSeconds());
            if (seconds < 60) {
                return seconds + "s ago";
            }
            return seconds < 3600 ? seconds / 60 + "m ago" : seconds / 3600 + "h ago";
        } catch (DateTimeParseException e) {
            return instant.text("-");
        }
    }
}
