package org.circusmeta.manager.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.LogsResult;
import org.circusmeta.manager.core.LogsTail;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.manager.lifecycle.Causes;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.Refusal;
import org.circusmeta.protocol.logs.Tail;
import org.circusmeta.protocol.logs.Unreadable;

/**
 * Tails a watcher's output on every node that serves logs (its record's {@code logs_endpoint}), or on one,
 * and merges the lines oldest first. Each node is asked at once, on the node's connection that the
 * follows share ({@link LogsClients}); one that does not answer within the timeout is named among the
 * problems and never holds the others' lines back beyond it.
 *
 * <p>Thread-safe.
 */
public final class ClusterLogs implements LogsTail {
    private final Supplier<NodeDirectory> directory;
    private final LogsClients clients;
    private final Duration timeout;

    public ClusterLogs(Supplier<NodeDirectory> directory, LogsClients clients, Duration timeout) {
        this.directory = directory;
        this.clients = clients;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<LogsResult> tail(String watcher, Optional<String> node, int lines) {
        NodeDirectory now = directory.get();
        Map<String, String> endpoints = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (RegisteredNode registered : now.nodes().values()) {
            if (node.isPresent() && !node.get().equals(registered.name())) {
                continue;
            }
            Optional<String> logs = registered.record().flatMap(r -> r.logsEndpoint());
            if (logs.isPresent()) {
                endpoints.put(registered.name(), logs.get());
            } else if (node.isPresent()) {
                problems.add(registered.name() + ": " + (registered.isValid()
                        ? "its record has no logs_endpoint (a circusmeta-node or circusmeta-register of this version serves one)"
                        : "its registry record is invalid (" + registered.invalidReason().orElse("") + ")"));
            }
        }
        if (node.isPresent() && endpoints.isEmpty() && problems.isEmpty()) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node.get()));
        }
        if (endpoints.isEmpty()) {
            return CompletableFuture.completedFuture(problems.isEmpty()
                    ? new Failure.UnknownWatcher(watcher, "on any node that serves logs")
                    : new LogsResult.NothingReadable("no node can serve the logs of " + watcher + ": "
                            + String.join("; ", problems)));
        }
        LogQuery query = LogQuery.of(watcher, lines);
        Map<String, CompletableFuture<Tail>> asked = new TreeMap<>();
        endpoints.forEach((name, endpoint) -> asked.put(name, ask(name, endpoint, query)));
        return CompletableFuture.allOf(asked.values().stream().map(f -> f.handle((t, e) -> null))
                .toArray(CompletableFuture[]::new)).thenApply(done -> merge(watcher, node, asked, problems));
    }

    private CompletableFuture<Tail> ask(String node, String endpoint, LogQuery query) {
        try {
            return clients.client(node, endpoint).tail(query, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static LogsResult merge(String watcher, Optional<String> node, Map<String, CompletableFuture<Tail>> asked,
            List<String> problems) {
        List<LogLine> lines = new ArrayList<>();
        List<String> unknownOn = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int answered = 0;
        for (Map.Entry<String, CompletableFuture<Tail>> e : asked.entrySet()) {
            String name = e.getKey();
            Tail tail;
            try {
                tail = e.getValue().join();
            } catch (RuntimeException failed) {
                problems.add(name + ": " + Causes.of(failed).getMessage());
                continue;
            }
            answered++;
            Optional<Refusal> refusal = tail.refusal();
            if (refusal.isPresent() && Refusal.UNKNOWN_WATCHER.equals(refusal.get().code())) {
                unknownOn.add(name);
            } else if (refusal.isPresent()) {
                unreadable.add(name + ": " + refusal.get().describe());
            } else {
                lines.addAll(tail.lines());
                for (Unreadable u : tail.unreadable()) {
                    unreadable.add(name + ": " + u.describe());
                }
            }
        }
        lines.sort(Comparator.comparingDouble(LogLine::time));
        if (answered == 0) {
            return new LogsResult.NoneAnswered("no node answered for the logs of " + watcher + ": " + String.join("; ", problems));
        }
        if (unknownOn.size() == answered && problems.isEmpty()) {
            return new Failure.UnknownWatcher(watcher, node.map(n -> "on node " + n).orElse("on any node that serves logs"));
        }
        List<String> all = new ArrayList<>(unreadable);
        all.addAll(problems);
        if (lines.isEmpty() && !unreadable.isEmpty()) {
            return new LogsResult.NothingReadable("the output of " + watcher + " cannot be read: " + String.join("; ", all));
        }
        return new LogsResult.Lines(lines, all);
    }
}
