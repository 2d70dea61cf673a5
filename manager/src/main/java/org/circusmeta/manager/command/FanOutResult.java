package org.circusmeta.manager.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.CircusJson;

/**
 * Every node's outcome of one fanned-out command, in the order the nodes were given.
 *
 * <p>Immutable.
 */
public record FanOutResult(List<NodeOutcome> outcomes) {

    public FanOutResult {
        outcomes = List.copyOf(outcomes);
    }

    /** {@code {NODE: reply-or-error, ...}}: each reply as the node sent it. */
    public ObjectNode toJson() {
        ObjectNode json = CircusJson.object();
        outcomes.forEach(o -> json.set(o.node(), o.toJson()));
        return json;
    }

    public Optional<NodeOutcome> outcome(String node) {
        return outcomes.stream().filter(o -> o.node().equals(node)).findFirst();
    }

    public List<NodeOutcome.Answered> answered() {
        return outcomes.stream().filter(NodeOutcome.Answered.class::isInstance).map(NodeOutcome.Answered.class::cast).toList();
    }

    public List<NodeOutcome.Failed> failed() {
        return outcomes.stream().filter(NodeOutcome.Failed.class::isInstance).map(NodeOutcome.Failed.class::cast).toList();
    }
}
