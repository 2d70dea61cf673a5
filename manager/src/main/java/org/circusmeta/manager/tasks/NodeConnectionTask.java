package org.circusmeta.manager.tasks;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.circusmeta.manager.core.NodeChange;
import org.circusmeta.manager.core.NodeChangeResult;
import org.circusmeta.manager.core.UseCases;

/**
 * {@code POST /tasks/detach?node=N} drops a node's connection (nothing is sent to it) until
 * {@code POST /tasks/attach?node=N} re-opens it: for a node being worked on. Thread-safe.
 */
public final class NodeConnectionTask extends RefusingTask {
    private final UseCases cases;
    private final Function<String, NodeChange> change;

    private NodeConnectionTask(String name, UseCases cases, Function<String, NodeChange> change) {
        super(name);
        this.cases = cases;
        this.change = change;
    }

    public static NodeConnectionTask attach(UseCases cases) {
        return new NodeConnectionTask("attach", cases, NodeChange::attach);
    }

    public static NodeConnectionTask detach(UseCases cases) {
        return new NodeConnectionTask("detach", cases, NodeChange::detach);
    }

    @Override
    void run(Map<String, List<String>> parameters, PrintWriter output) {
        NodeChange asked = change.apply(TaskParameters.require(this, parameters, "node",
                "the name of a registered node, e.g. web-01 (GET /api/nodes lists them)"));
        NodeChangeResult.Changed changed = TaskParameters.success(cases.changes().change(TaskParameters.actor(this, output), asked),
                NodeChangeResult.Changed.class);
        output.println(changed.message());
    }
}
