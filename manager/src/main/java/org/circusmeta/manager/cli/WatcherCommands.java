package org.circusmeta.manager.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code status}, {@code list}, {@code add}, {@code rm}, {@code start}/{@code stop}/{@code restart},
 * {@code incr}/{@code decr} and {@code exec}: watchers on one node or on every node that has them.
 *
 * <p>Confined to the CLI's main thread.
 */
final class WatcherCommands {
    private final Api api;
    private final Invocation invocation;

    WatcherCommands(Api api) {
        this.api = api;
        this.invocation = api.invocation();
    }

    int status() {
        Optional<String> watcher = invocation.positional().stream().findFirst();
        Map<String, Object> properties = new LinkedHashMap<>();
        watcher.ifPresent(w -> properties.put("name", w));
        Json results = command("status", properties, invocation.all("--node"));
        Table table = new Table("NODE", "WATCHER", "STATUS");
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Json> node : results.fields().entrySet()) {
            Json reply = node.getValue();
            if (NodeResults.failed(reply)) {
                if (watcher.isPresent() && isUnknownWatcher(reply) && invocation.option("--node").isEmpty()) {
                    continue;
                }
                failed.add(node.getKey());
                table.row(node.getKey(), watcher.orElse("-"), NodeResults.summary(reply));
            } else if (watcher.isPresent()) {
                table.row(node.getKey(), watcher.get(), reply.path("status").text("?"));
            } else {
                new TreeMap<>(reply.path("statuses").fields()).forEach((w, s) -> table.row(node.getKey(), w, s.text("?")));
            }
        }
        if (watcher.isPresent() && table.isEmpty()) {
            throw new CommandFailedException("no node has a watcher called " + watcher.get()
                    + "; 'circusmeta list' shows the watchers of every node");
        }
        print(table);
        return NodeResults.failures(results, failed, api.terminal());
    }

    int list() {
        Json results = command("list", Map.of(), invocation.all("--node"));
        Table table = new Table("NODE", "WATCHERS");
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Json> node : results.fields().entrySet()) {
            Json reply = node.getValue();
            if (NodeResults.failed(reply)) {
                failed.add(node.getKey());
                table.row(node.getKey(), NodeResults.summary(reply));
            } else {
                List<String> names = reply.path("watchers").elements().stream().map(w -> w.text("?")).sorted().toList();
                table.row(node.getKey(), names.isEmpty() ? "(none)" : String.join(", ", names));
            }
        }
        print(table);
        return NodeResults.failures(results, failed, api.terminal());
    }

    int add() {
        List<String> positional = invocation.positional();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", positional.get(0));
        body.put("cmd", positional.get(1));
        if (positional.size() > 2) {
            body.put("args", positional.subList(2, positional.size()));
        }
        invocation.option("--numprocesses").ifPresent(n -> body.put("numprocesses", invocation.wholeNumber("--numprocesses", n, 0)));
        invocation.option("--node").ifPresent(n -> body.put("node", n));
        Map<String, String> constraints = new TreeMap<>();
        for (String constraint : invocation.all("--constraint")) {
            int eq = constraint.indexOf('=');
            if (eq <= 0) {
                throw invocation.usage("--constraint takes k=v, got '" + constraint + "'");
            }
            constraints.put(constraint.substring(0, eq), constraint.substring(eq + 1));
        }
        if (!constraints.isEmpty()) {
            body.put("constraints", constraints);
        }
        Json added = api.post("/api/watchers", Json.write(body));
        if (!api.json()) {
            api.terminal().print("added watcher " + added.path("name").text(positional.get(0)) + " on node "
                    + added.path("node").text("?") + " (" + added.path("reason").text("no reason given") + ")");
        }
        return Exits.OK;
    }

    int remove() {
        String name = invocation.positional().get(0);
        Json body = api.delete("/api/watchers/" + ManagerClient.segment(name)
                + ManagerClient.query(Map.of("node", invocation.option("--node"))));
        return NodeResults.report(body.path("results"), api.terminal(), api.json(), n -> true);
    }

    /** start, stop, restart, incr and decr. */
    int act() {
        Subcommand sub = invocation.command();
        String name = invocation.positional().get(0);
        Optional<String> nb = invocation.positional().stream().skip(1).findFirst()
                .map(k -> String.valueOf(invocation.wholeNumber("K", k, 1)));
        Json body = api.post("/api/watchers/" + ManagerClient.segment(name) + "/" + sub.commandName()
                + ManagerClient.query(Map.of("node", invocation.option("--node"), "nb", nb)), "");
        return NodeResults.report(body.path("results"), api.terminal(), api.json(), n -> true);
    }

    int exec() {
        List<String> positional = invocation.positional();
        if (invocation.option("--all").isPresent() && invocation.option("--node").isPresent()) {
            throw invocation.usage("give --node N or --all, not both");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String pair : positional.subList(1, positional.size())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invocation.usage("after COMMAND come key=value properties, got '" + pair + "'");
            }
            String value = pair.substring(eq + 1);
            properties.put(pair.substring(0, eq), Json.tryParse(value).<Object>map(j -> j).orElse(value));
        }
        Json results = command(positional.get(0), properties, invocation.all("--node"));
        return NodeResults.report(results, api.terminal(), api.json(), n -> true);
    }

    /** {@code POST /api/command}: the results, node by node. */
    private Json command(String command, Map<String, Object> properties, List<String> nodes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("properties", properties);
        if (!nodes.isEmpty()) {
            body.put("nodes", nodes);
        }
        return api.post("/api/command", Json.write(body)).path("results");
    }

    private void print(Table table) {
        if (!api.json()) {
            api.terminal().print(table.render());
        }
    }

    /** circusd's answer for a watcher it does not have: {@code program NAME not found}. */
    private static boolean isUnknownWatcher(Json reply) {
        String reason = reply.path("reason").text("");
        return reason.startsWith("program ") && reason.endsWith(" not found");
    }
}
