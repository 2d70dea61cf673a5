package org.circusmeta.manager.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.circusmeta.api.CommandResults;
import org.circusmeta.manager.nodes.NodeOutcome;

/**
 * Every node's outcome of one fanned-out command, in the order the nodes were given.
 *
 * <p>Immutable.
 */
public record FanOutResult(List<NodeOutcome> outcomes) {
    public static final FanOutResult NONE = new FanOutResult(List.of());

    public FanOutResult {
        outcomes = List.copyOf(outcomes);
    }

    /** The nodes that gave no reply, and why. */
    public List<NodeOutcome.Failed> failed() {
        return outcomes.stream().filter(NodeOutcome.Failed.class::isInstance).map(NodeOutcome.Failed.class::cast).toList();
    }

    /** {@code {"results": {NODE: reply-or-error, ...}}}: each reply as the node sent it, in the nodes' order. */
    public CommandResults toResults() {
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        outcomes.forEach(o -> results.put(o.node(), o.toJson()));
        return new CommandResults(results);
    }
}
