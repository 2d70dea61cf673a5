package org.circusmeta.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circusmeta.client.RecordJson;

/**
 * The per-node results of a fanned-out command (README, "HTTP API": each node's reply, or the reason
 * it gave none): a table of what each node answered, and the exit status, 1 when a node's reply is an
 * error (each such node named on stderr, with what its reason means).
 *
 * <p>Stateless.
 */
final class NodeResults {
    private NodeResults() {}

    /** Whether a node's reply is circus's error reply. */
    static boolean failed(JsonNode reply) {
        return text(reply.path("status"), "").equals("error");
    }

    /** Prints the results (unless the caller printed the JSON) and returns the exit status. */
    static int report(Map<String, ? extends JsonNode> results, Terminal terminal, boolean json) {
        Table table = new Table("NODE", "RESULT");
        List<String> failed = new ArrayList<>();
        results.forEach((node, reply) -> {
            table.row(node, summary(reply));
            if (failed(reply)) {
                failed.add(node);
            }
        });
        if (!json) {
            terminal.print(table.render());
        }
        return failures(results, failed, terminal);
    }

    /** Names each failed node on stderr, then how many failed; the exit status. */
    static int failures(Map<String, ? extends JsonNode> results, List<String> failed, Terminal terminal) {
        for (String node : failed) {
            terminal.error("node " + node + " " + meaning(text(results.get(node).path("reason"), "no reason given")));
        }
        if (failed.isEmpty()) {
            return Exits.OK;
        }
        terminal.error(failed.size() + " of " + results.size() + " node" + (results.size() == 1 ? "" : "s") + " failed: "
                + String.join(", ", failed));
        return Exits.FAILED;
    }

    /** What a node answered, in one line: {@code ok}, {@code ok numprocesses=3}, {@code error: REASON}. */
    static String summary(JsonNode reply) {
        if (failed(reply)) {
            return "error: " + text(reply.path("reason"), "no reason given");
        }
        StringBuilder line = new StringBuilder(text(reply.path("status"), "ok"));
        for (Map.Entry<String, JsonNode> field : reply.properties()) {
            String key = field.getKey();
            if (!key.equals("status") && !key.equals("time") && !key.equals("id")) {
                JsonNode value = field.getValue();
                line.append(' ').append(key).append('=').append(value.isTextual() ? value.textValue() : RecordJson.write(value));
            }
        }
        return line.toString();
    }

    /** A string as it is, a number or boolean as JSON writes it; {@code fallback} for anything else. */
    static String text(JsonNode value, String fallback) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.isNumber() || value.isBoolean() ? value.asText() : fallback;
    }

    /** The failure reasons the manager puts in a result (README, "HTTP API"), or circusd's own reason. */
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
