package org.circusmeta.manager.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.core.RawCommand;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.core.UseCases;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.Request;

/**
 * {@code POST /tasks/circus-command?command=C[&node=N][&KEY=VALUE...]}: one circus command on a node or
 * on all, every other parameter a property (a value that reads as JSON, like {@code 2} or
 * {@code true}, is sent as such). Prints {@code {"results": {NODE: reply}}}. Thread-safe.
 */
public class CircusCommandTask extends RefusingTask {
    private final UseCases cases;

    public CircusCommandTask(UseCases cases) {
        super("circus-command");
        this.cases = cases;
    }

    @Override
    public Optional<String> getResponseContentType() {
        return Optional.of("application/json");
    }

    @Override
    void run(Map<String, List<String>> parameters, PrintWriter output) {
        String command = TaskParameters.require(this, parameters, "command", "the circus command to send, e.g. status");
        ObjectNode properties = CircusJson.object();
        parameters.forEach((key, values) -> {
            if (!key.equals("command") && !key.equals("node") && !values.isEmpty()) {
                properties.set(key, value(values.get(values.size() - 1)));
            }
        });
        RawCommand raw = new RawCommand(Request.of(command, properties), TaskParameters.optional(parameters, "node").map(List::of));
        RunResult.Ran ran = TaskParameters.success(cases.changes().run(TaskParameters.actor(this, output), raw, cases.within()),
                RunResult.Ran.class);
        output.println(CircusJson.writeString(CircusJson.mapper().valueToTree(ran.result().toResults())));
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = CircusJson.read(text.getBytes(StandardCharsets.UTF_8));
            return parsed.isValueNode() || parsed.isContainerNode() ? parsed : CircusJson.mapper().getNodeFactory().textNode(text);
        } catch (MalformedMessageException e) {
            return CircusJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
