package org.circusmeta.manager.admin;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.circusmeta.manager.nodes.NodeConnections;

/** {@code POST /tasks/attach?node=N}: (re-)opens a node's connection. Thread-safe. */
public class AttachTask extends Task {
    private final NodeConnections connections;

    public AttachTask(NodeConnections connections) {
        super("attach");
        this.connections = connections;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        String node = TaskParameters.require(parameters, "node");
        connections.attach(node);
        output.println("attaching node " + node);
    }
}
