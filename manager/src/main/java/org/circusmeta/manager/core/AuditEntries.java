package org.circusmeta.manager.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.lifecycle.Causes;
import org.circusmeta.manager.nodes.NodeOutcome;

/** How one change and what came of it read as an {@link AuditEntry}. Stateless. */
final class AuditEntries {
    private AuditEntries() {}

    /** @param outcome the change's result, or null when it ended in {@code error} */
    static AuditEntry of(Instant at, Actor actor, Change change, Object outcome, Throwable error) {
        Fields fields = error != null ? new Fields(asked(change), "error", message(error), Map.of())
                : outcome instanceof Failure.Forbidden refused ? new Fields(asked(change), "refused", refused.message(), Map.of())
                : outcome instanceof Failure failure ? new Fields(asked(change), "failed", failure.message(), Map.of())
                : done(change, outcome);
        return new AuditEntry(at, actor.who(), door(actor.door()), actor.role().wireName(), change.describe(), fields.nodes,
                fields.result, fields.message, fields.results);
    }

    private record Fields(List<String> nodes, String result, String message, Map<String, String> results) {}

    private static Fields done(Change change, Object outcome) {
        if (outcome instanceof RunResult.Ran ran) {
            return ran(change, ran);
        }
        if (outcome instanceof AddResult.Added added) {
            return ok(added.copies().stream().map(AddResult.PlacedCopy::node).toList(), null);
        }
        if (outcome instanceof ScaleResult.Scaled scaled) {
            return ok(Stream.concat(scaled.added().stream().map(AddResult.PlacedCopy::node), scaled.removed().stream())
                    .distinct().toList(), null);
        }
        if (outcome instanceof NodeChangeResult.Changed changed) {
            return ok(List.of(changed.node()), changed.message());
        }
        if (outcome instanceof OperationResult.Started started) {
            Operation.Snapshot snapshot = started.operation().snapshot();
            List<String> nodes = snapshot.subject() == Operation.Subject.NODE
                    ? snapshot.steps().stream().map(Operation.Step::subject).toList() : asked(change);
            return new Fields(nodes, "started", "operation " + snapshot.id() + " (GET /api/operations/" + snapshot.id() + ")",
                    Map.of());
        }
        return ok(asked(change), null);
    }

    private static Fields ran(Change change, RunResult.Ran ran) {
        FanOutResult result = ran.result();
        Map<String, String> each = new LinkedHashMap<>();
        result.outcomes().forEach(o -> each.put(o.node(), outcome(o)));
        long ok = each.values().stream().filter("ok"::equals).count();
        String summary = ok == each.size() ? "ok" : ok == 0 ? "failed" : "partial";
        List<String> nodes = each.isEmpty() ? asked(change) : new ArrayList<>(each.keySet());
        return new Fields(nodes, summary, ran.pending().orElse(null), each);
    }

    private static String outcome(NodeOutcome outcome) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return failed.failure().reason();
        }
        var reply = outcome.answer().orElseThrow();
        return reply.isOk() ? "ok" : "error: " + reply.reason().orElse(reply.status());
    }

    private static Fields ok(List<String> nodes, String message) {
        return new Fields(nodes, "ok", message, Map.of());
    }

    /** The nodes a change names itself; none when it leaves them to the manager. */
    static List<String> asked(Change change) {
        if (change instanceof AddWatcher add) {
            return add.node().stream().toList();
        }
        if (change instanceof WatcherCommand command) {
            return command.node().stream().toList();
        }
        if (change instanceof RawCommand raw) {
            return raw.nodes().orElse(List.of());
        }
        if (change instanceof NodeChange node) {
            return List.of(node.node());
        }
        if (change instanceof RollingRestart roll) {
            return roll.node().stream().toList();
        }
        return List.of();
    }

    private static String door(Actor.Door door) {
        return switch (door) {
            case HTTP_API -> "api";
            case CLUSTER_ENDPOINT -> "cluster-endpoint";
            case ADMIN_TASK -> "admin";
        };
    }

    private static String message(Throwable error) {
        Throwable cause = Causes.of(error);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
