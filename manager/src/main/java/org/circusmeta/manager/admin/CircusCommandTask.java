package org.circusmeta.manager.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.command.CircusCommands;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.watchers.WatcherActions;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.Request;

/**
 * {@code POST /tasks/circus-command?command=C[&node=N][&KEY=VALUE...]}: one circus command on a node or
 * on all, every other parameter a property (a value that reads as JSON, like {@code 2} or
 * {@code true}, is sent as such). Prints {@code {"results": {NODE: reply}}}. Thread-safe.
 */
public class CircusCommandTask extends Task {
    private final NodeConnections connections;
    private final FanOut fanOut;
    private final WatcherActions actions;

    public CircusCommandTask(NodeConnections connections, FanOut fanOut, WatcherActions actions) {
        super("circus-command");
        this.connections = connections;
        this.fanOut = fanOut;
        this.actions = actions;
    }

    @Override
    public Optional<String> getResponseContentType() {
        return Optional.of("application/json");
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        String command = TaskParameters.require(parameters, "command");
        if (!CircusCommands.isKnown(command)) {
            throw new IllegalArgumentException("'" + command + "' is not a circus command; use one of " + CircusCommands.knownList());
        }
        Optional<String> node = TaskParameters.optional(parameters, "node");
        node.ifPresent(connections::summary);
        ObjectNode properties = CircusJson.object();
        parameters.forEach((key, values) -> {
            if (!key.equals("command") && !key.equals("node") && !values.isEmpty()) {
                properties.set(key, value(values.get(values.size() - 1)));
            }
        });
        List<String> targets = node.map(List::of).orElseGet(actions::candidates);
        ObjectNode json = CircusJson.object();
        json.set("results", fanOut.run(Request.of(command, properties), targets, fanOut.defaultDeadline()).join().toJson());
        output.println(CircusJson.writeString(json));
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = CircusJson.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return parsed.isValueNode() || parsed.isContainerNode() ? parsed : CircusJson.mapper().getNodeFactory().textNode(text);
        } catch (MalformedMessageException e) {
            return CircusJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
