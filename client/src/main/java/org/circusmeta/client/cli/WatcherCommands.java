package org.circusmeta.client.cli;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.ScaledWatcher;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.RecordJson;
import org.circusmeta.client.WatcherAction;

/**
 * {@code status}, {@code list}, {@code add}, {@code scale}, {@code rm}, {@code start}/{@code stop}/{@code restart},
 * {@code incr}/{@code decr} and {@code exec}: watchers on one node or on every node that has them.
 *
 * <p>Stateless.
 */
final class WatcherCommands {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WatcherCommands() {}

    static int status(Session session) {
        Optional<String> watcher = session.argument("WATCHER");
        ObjectNode properties = NODES.objectNode();
        watcher.ifPresent(w -> properties.put("name", w));
        Map<String, ObjectNode> results = command(session, "status", properties, nodeOption(session));
        Table table = new Table("NODE", "WATCHER", "STATUS");
        List<String> failed = new ArrayList<>();
        results.forEach((node, reply) -> {
            if (NodeResults.failed(reply)) {
                if (watcher.isPresent() && isUnknownWatcher(reply) && session.option(CliOption.NODE).isEmpty()) {
                    return;
                }
                failed.add(node);
                table.row(node, watcher.orElse("-"), NodeResults.summary(reply));
            } else if (watcher.isPresent()) {
                table.row(node, watcher.get(), NodeResults.text(reply.path("status"), "?"));
            } else {
                fields(reply.path("statuses")).forEach((w, s) -> table.row(node, w, NodeResults.text(s, "?")));
            }
        });
        if (watcher.isPresent() && table.isEmpty()) {
            throw new CommandFailedException("no node has a watcher called " + watcher.get()
                    + "; 'circusmeta list' shows the watchers of every node");
        }
        print(session, table);
        return NodeResults.failures(results, failed, session.terminal());
    }

    static int list(Session session) {
        Map<String, ObjectNode> results = command(session, "list", NODES.objectNode(), nodeOption(session));
        Table table = new Table("NODE", "WATCHERS");
        List<String> failed = new ArrayList<>();
        results.forEach((node, reply) -> {
            if (NodeResults.failed(reply)) {
                failed.add(node);
                table.row(node, NodeResults.summary(reply));
            } else {
                List<String> names = new ArrayList<>();
                reply.path("watchers").forEach(w -> names.add(NodeResults.text(w, "?")));
                names.sort(null);
                table.row(node, names.isEmpty() ? "(none)" : String.join(", ", names));
            }
        });
        print(session, table);
        return NodeResults.failures(results, failed, session.terminal());
    }

    static int add(Session session) {
        String name = session.argument("NAME").orElseThrow();
        String cmd = session.argument("CMD").orElseThrow();
        for (String given : List.of(name, cmd)) {
            if (given.startsWith("-") && !given.equals("-")) {
                throw session.usage("unknown option " + given);
            }
        }
        List<String> args = session.arguments("ARGS");
        ArrayNode argsJson = NODES.arrayNode();
        args.forEach(argsJson::add);
        Integer numprocesses = session.option(CliOption.NUMPROCESSES)
                .map(n -> session.wholeNumber("--numprocesses", n, 0)).orElse(null);
        Map<String, String> constraints = new TreeMap<>(session.pairs(CliOption.CONSTRAINT));
        JsonNode instances = session.option(CliOption.INSTANCES).map(k -> session.instances("--instances", k)).orElse(null);
        AddWatcherRequest request = new AddWatcherRequest(name, cmd, args.isEmpty() ? null : argsJson, numprocesses, null,
                null, null, session.option(CliOption.PIN).orElse(null), constraints.isEmpty() ? null : constraints, null,
                instances, session.option(CliOption.SPREAD).orElse(null));
        AddedWatcher added = session.call(ApiCall.add(request));
        if (session.json()) {
            return Exits.OK;
        }
        if (added.copies() == null) {
            session.terminal().print("added watcher " + requireNonNullElse(added.name(), name) + " on node "
                    + requireNonNullElse(added.node(), "?") + " (" + requireNonNullElse(added.reason(), "no reason given") + ")");
            return Exits.OK;
        }
        session.terminal().print("added watcher " + requireNonNullElse(added.name(), name) + ", " + copies(added.copies().size())
                + ":");
        printCopies(session, added.copies());
        notStarted(session, added.notStarted());
        return Exits.OK;
    }

    static int scale(Session session) {
        String name = session.argument("NAME").orElseThrow();
        JsonNode instances = session.instances("K", session.argument("K").orElseThrow());
        ScaledWatcher scaled = session.call(ApiCall.scale(name, instances));
        if (session.json()) {
            return Exits.OK;
        }
        List<String> copies = requireNonNullElse(scaled.copies(), List.of());
        session.terminal().print("scaled watcher " + requireNonNullElse(scaled.name(), name) + " to " + instances.asText()
                + ": " + copies(copies.size()) + (copies.isEmpty() ? "" : " on " + String.join(", ", copies)));
        List<AddedWatcher.Copy> added = requireNonNullElse(scaled.added(), List.of());
        if (!added.isEmpty()) {
            session.terminal().print("placed:");
            printCopies(session, added);
        }
        List<String> removed = requireNonNullElse(scaled.removed(), List.of());
        if (!removed.isEmpty()) {
            session.terminal().print("removed from " + String.join(", ", removed));
        }
        notStarted(session, scaled.notStarted());
        return Exits.OK;
    }

    private static String copies(int n) {
        return n + (n == 1 ? " copy" : " copies");
    }

    private static void printCopies(Session session, List<AddedWatcher.Copy> copies) {
        Table table = new Table("NODE", "WHY THERE");
        for (AddedWatcher.Copy copy : copies) {
            table.row(requireNonNullElse(copy.node(), "?"), requireNonNullElse(copy.reason(), "no reason given"));
        }
        session.terminal().print(table.render());
    }

    private static void notStarted(Session session, List<String> nodes) {
        if (nodes != null && !nodes.isEmpty()) {
            session.terminal().error("the copy did not start on " + String.join(", ", nodes) + "; the manager places it"
                    + " again elsewhere (GET /api/watchers shows the failures)");
        }
    }

    static int remove(Session session) {
        String name = session.argument("NAME").orElseThrow();
        CommandResults results = session.call(ApiCall.remove(name, session.option(CliOption.NODE)));
        return NodeResults.report(results.results(), session.terminal(), session.json());
    }

    /** start, stop, restart, incr and decr. */
    static int act(Session session) {
        WatcherAction action = WatcherAction.valueOf(session.command().name());
        String name = session.argument("NAME").orElseThrow();
        OptionalInt nb = action.counts() ? session.argument("K").map(k -> OptionalInt.of(session.wholeNumber("K", k, 1)))
                .orElse(OptionalInt.empty()) : OptionalInt.empty();
        CommandResults results = session.call(ApiCall.act(name, action, session.option(CliOption.NODE), nb));
        return NodeResults.report(results.results(), session.terminal(), session.json());
    }

    static int exec(Session session) {
        List<String> nodes = session.all(CliOption.SEVERAL_NODES);
        if (session.flag(CliOption.ALL) && !nodes.isEmpty()) {
            throw session.usage("give --node N or --all, not both");
        }
        ObjectNode properties = NODES.objectNode();
        for (String pair : session.arguments("key=value")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw session.usage("after COMMAND come key=value properties, got '" + pair + "'");
            }
            String value = pair.substring(eq + 1);
            properties.set(pair.substring(0, eq), RecordJson.tryTree(value).orElseGet(() -> NODES.textNode(value)));
        }
        Map<String, ObjectNode> results = command(session, session.argument("COMMAND").orElseThrow(), properties, nodes);
        return NodeResults.report(results, session.terminal(), session.json());
    }

    /** {@code POST /api/command}: the results, node by node. */
    private static Map<String, ObjectNode> command(Session session, String command, ObjectNode properties, List<String> nodes) {
        return session.call(ApiCall.command(new CommandRequest(command, properties, nodes.isEmpty() ? null : nodes)))
                .results();
    }

    /** {@code --node N} as the list of nodes to target; every node when absent. */
    private static List<String> nodeOption(Session session) {
        return session.option(CliOption.NODE).map(List::of).orElse(List.of());
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new TreeMap<>();
        object.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private static void print(Session session, Table table) {
        if (!session.json()) {
            session.terminal().print(table.render());
        }
    }

    /** circusd's answer for a watcher it does not have: {@code program NAME not found}. */
    private static boolean isUnknownWatcher(JsonNode reply) {
        String reason = NodeResults.text(reply.path("reason"), "");
        return reason.startsWith("program ") && reason.endsWith(" not found");
    }
}
