package org.circusmeta.client.cli;

import static java.util.Objects.requireNonNullElse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.client.ApiCall;

/**
 * {@code nodes}, {@code rename}, {@code cordon} and {@code uncordon}.
 *
 * <p>Stateless.
 */
final class NodeCommands {
    private NodeCommands() {}

    static int nodes(Session session) {
        List<NodeView> nodes = session.call(ApiCall.nodes());
        Table table = new Table("NAME", "STATE", "KIND", "HOST", "WATCHERS>", "PROCESSES>", "CPU%>", "MEM%>", "SEEN",
                "LABELS", "ENDPOINT");
        List<String> failures = new ArrayList<>();
        for (NodeView node : nodes) {
            NodeView.Load load = node.load() == null ? new NodeView.Load(null, null, 0, 0) : node.load();
            String state = requireNonNullElse(node.state(), "?") + (node.eligible() ? "" : ",cordoned");
            table.row(requireNonNullElse(node.name(), "?"), state, node.kind(), node.host(),
                    Table.count(load.watchers()), Table.count(load.processes()), Table.decimal(load.cpu()),
                    Table.decimal(load.mem()), ago(node.lastSeen()), labels(node.labels()), node.endpoint());
            problem(node).ifPresent(failures::add);
        }
        if (!session.json()) {
            session.terminal().print(nodes.isEmpty()
                    ? "No node is registered. Start one: scripts/circusmeta-node --config examples/node-web.ini"
                            + " --zookeeper HOST:2181"
                    : table.render());
        }
        failures.forEach(session.terminal()::error);
        return failures.isEmpty() ? Exits.OK : Exits.FAILED;
    }

    static int rename(Session session) {
        String old = session.argument("OLD").orElseThrow();
        String name = session.argument("NEW").orElseThrow();
        RenameAccepted accepted = session.call(ApiCall.rename(old, name));
        if (!session.json()) {
            session.terminal().print(requireNonNullElse(accepted.message(),
                    "rename of " + old + " to " + name + " requested"));
        }
        return Exits.OK;
    }

    static int eligibility(Session session) {
        String node = session.argument("NODE").orElseThrow();
        EligibilityChanged changed = session.call(session.command() == Subcommand.CORDON ? ApiCall.cordon(node)
                : ApiCall.uncordon(node));
        if (!session.json()) {
            session.terminal().print(requireNonNullElse(changed.message(), (changed.eligible() ? "uncordoned" : "cordoned")
                    + " node " + node));
        }
        return Exits.OK;
    }

    private static Optional<String> problem(NodeView node) {
        String name = requireNonNullElse(node.name(), "?");
        return switch (requireNonNullElse(node.state(), "")) {
            case "unreachable" -> Optional.of("node " + name + " is unreachable"
                    + (node.unreachableSince() == null ? "" : " since " + node.unreachableSince()) + ": "
                    + requireNonNullElse(node.reason(),
                            "it does not answer at " + requireNonNullElse(node.endpoint(), "its endpoint"))
                    + "; check that its daemon runs and that this endpoint is reachable from the manager");
            case "invalid" -> Optional.of("node " + name + " has an invalid registry record: "
                    + requireNonNullElse(node.reason(), "no reason given"));
            default -> Optional.empty();
        };
    }

    static String labels(Map<String, String> labels) {
        String text = labels == null ? "" : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return text.isEmpty() ? "-" : text;
    }

    /** How long ago an instant was: {@code 3s ago}, {@code 5m ago}, {@code 2h ago}. */
    static String ago(Instant instant) {
        if (instant == null) {
            return "-";
        }
        long seconds = Math.max(0, Duration.between(instant, Instant.now()).toSeconds());
        if (seconds < 60) {
            return seconds + "s ago";
        }
        return seconds < 3600 ? seconds / 60 + "m ago" : seconds / 3600 + "h ago";
    }
}
