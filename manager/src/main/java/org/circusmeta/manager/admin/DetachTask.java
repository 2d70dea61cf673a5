package org.circusmeta.manager.admin;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.circusmeta.manager.nodes.NodeConnections;

/** {@code POST /tasks/detach?node=N}: drops a node's connection until it is attached again. Thread-safe. */
public class DetachTask extends Task {
    private final NodeConnections connections;

    public DetachTask(NodeConnections connections) {
        super("detach");
        this.connections = connections;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        String node = TaskParameters.require(parameters, "node");
        connections.detach(node);
        output.println("detached node " + node + "; POST /tasks/attach?node=" + node + " attaches it again");
    }
}
