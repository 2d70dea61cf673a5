package org.circusmeta.manager.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The per-node results of a fanned-out command ({@code {"results": {NODE: reply}}}, SPEC §4.1): a
 * table of what each node answered, and the exit status, 1 when a node's reply is an error (each such
 * node named on stderr, with what its reason means).
 *
 * <p>Stateless.
 */
final class NodeResults {
    private NodeResults() {}

    /** Whether a node's reply is circus's error reply. */
    static boolean failed(Json reply) {
        return reply.path("status").text("").equals("error");
    }

    /** Prints {@code results} (unless the caller printed the JSON) and returns the exit status. */
    static int report(Json results, Terminal terminal, boolean json, Predicate<Map.Entry<String, Json>> shown) {
        Table table = new Table("NODE", "RESULT");
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Json> node : results.fields().entrySet()) {
            if (!shown.test(node)) {
                continue;
            }
            table.row(node.getKey(), summary(node.getValue()));
            if (failed(node.getValue())) {
                failed.add(node.getKey());
            }
        }
        if (!json) {
            terminal.print(table.render());
        }
        return failures(results, failed, terminal);
    }

    /** Names each failed node on stderr, then how many failed; the exit status. */
    static int failures(Json results, List<String> failed, Terminal terminal) {
        for (String node : failed) {
            terminal.error("node " + node + " " + meaning(results.path(node).path("reason").text("no reason given")));
        }
        if (failed.isEmpty()) {
            return Exits.OK;
        }
        terminal.error(failed.size() + " of " + results.fields().size() + " node"
                + (results.fields().size() == 1 ? "" : "s") + " failed: " + String.join(", ", failed));
        return Exits.FAILED;
    }

    /** What a node answered, in one line: {@code ok}, {@code ok numprocesses=3}, {@code error: REASON}. */
    static String summary(Json reply) {
        if (failed(reply)) {
            return "error: " + reply.path("reason").text("no reason given");
        }
        StringBuilder text = new StringBuilder(reply.path("status").text("ok"));
        for (Map.Entry<String, Json> field : reply.fields().entrySet()) {
            String key = field.getKey();
            if (!key.equals("status") && !key.equals("time") && !key.equals("id")) {
                Json value = field.getValue();
                text.append(' ').append(key).append('=').append(value.isText() ? value.text("") : value.compact());
            }
        }
        return text.toString();
    }

    /** The failure reasons the manager puts in a result (SPEC §4.1), or circusd's own reason. */
    static String meaning(String reason) {
        return switch (reason) {
            case "timeout" -> "did not answer within the manager's circus.commandTimeout (reason: timeout)";
            case "unreachable" -> "is unreachable: it has not answered the manager's probes; nothing was sent"
                    + " (see 'circusmeta nodes')";
            case "detached" -> "is detached by an operator; nothing was sent (the admin task 'attach' re-attaches it)";
            case "invalid" -> "has an invalid registry record; nothing was sent (see 'circusmeta nodes')";
            case "gone" -> "left the registry before it answered";
            default -> "answered with an error: " + reason;
        };
    }
}
