package org.circusmeta.manager.core;

import java.time.Duration;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Reply;

/**
 * Why an operation did not do what was asked: an expected outcome, told as a value. Each door
 * translates it once: the HTTP API to a status ({@code resources.ErrorResponses}), the cluster
 * endpoint to a circus error reply, a task to its error. {@link #message()} says what happened and
 * what to do, for an operator.
 */
public sealed interface Failure permits Failure.UnknownNode, Failure.UnknownWatcher, Failure.NoFit, Failure.NameTaken,
        Failure.InvalidRecord, Failure.InvalidRequest, Failure.Unanswered, Failure.Refused, Failure.Forbidden {

    String message();

    /** No node of that name is registered. */
    record UnknownNode(String node) implements Failure, AddResult, RunResult, NodeChangeResult, NodeResult,
            OperationResult, LogsResult {
        @Override
        public String message() {
            return "no node named '" + node + "' is registered; GET /api/nodes lists the nodes";
        }
    }

    /** No node (or not the node named) has a watcher of that name. */
    record UnknownWatcher(String watcher, String where) implements Failure, RunResult, ScaleResult, OperationResult,
            LogsResult {
        @Override
        public String message() {
            return "no watcher named '" + watcher + "' " + where + "; GET /api/watchers lists them";
        }
    }

    /** No node can take the watcher; the reasons say why each was rejected. */
    record NoFit(String reasons) implements Failure, AddResult, ScaleResult {
        @Override
        public String message() {
            return reasons;
        }
    }

    /** The name asked for is held: by a cluster watcher, by another node. */
    record NameTaken(String message) implements Failure, AddResult, NodeChangeResult {}

    /** The node is registered, but its record is invalid, so the manager cannot talk to it. */
    record InvalidRecord(String node, String reason) implements Failure, NodeChangeResult {
        @Override
        public String message() {
            return "node '" + node + "' has an invalid registry record (" + reason + "); fix the record before attaching it";
        }
    }

    /** A request that makes no sense; the message starts with the field at fault. */
    record InvalidRequest(String message) implements Failure, RunResult, NodeChangeResult, ScaleResult,
            OperationResult {}

    /** The one node an operation needed did not answer, or is known not to, so there is no result. */
    record Unanswered(String node, String command, NodeOutcome.Failure failure, Duration deadline)
            implements Failure, AddResult, RunResult, NodeResult {
        @Override
        public String message() {
            return switch (failure) {
                case TIMEOUT -> "node " + node + " did not answer '" + command + "' within " + deadline.toMillis()
                        + " ms; it may have run it or not: GET /api/nodes/" + node + " shows its state";
                case UNREACHABLE -> "node " + node + " is unreachable (it stopped answering its liveness probe), so '"
                        + command + "' was not sent to it; GET /api/nodes shows since when";
                case DETACHED -> "node " + node + " is detached, so '" + command + "' was not sent to it; POST"
                        + " /tasks/attach?node=" + node + " on the admin port attaches it again";
                case INVALID -> "node " + node + " has an invalid registry record, so '" + command + "' was not sent to it";
                case GONE -> "node " + node + " left the registry before it answered '" + command + "'";
            };
        }
    }

    /** The one node an operation needed answered with a circus error reply. */
    record Refused(String node, String command, Reply reply) implements Failure, AddResult {
        @Override
        public String message() {
            return "node " + node + " refused '" + command + "': " + reply.reason().orElse("no reason given")
                    + reply.errno().stream().mapToObj(e -> " (errno " + e + ")").findFirst().orElse("");
        }
    }

    /** The caller's role does not cover the change: {@code needed} is the role it takes. */
    record Forbidden(Actor actor, Role needed, String change) implements Failure, AddResult, RunResult, ScaleResult,
            NodeChangeResult, OperationResult {
        @Override
        public String message() {
            return change + " needs the " + needed + " role, and " + actor.who() + " has the " + actor.role()
                    + " role; use a token whose role is " + needed + (needed == Role.ADMIN ? "" : " or admin")
                    + " (auth.tokens in the manager's config.yml)";
        }
    }
}
