package org.circusmeta.manager.core;

import java.util.List;
import java.util.Optional;

/**
 * Operations made and moved by hand, for the tests of the doors, which cannot run one: the use cases
 * alone start and advance them. Thread-safe.
 */
public final class TestOperations {
    private final Operations operations = new Operations();

    /** A rolling restart over these nodes, every step pending, still running. */
    public Operation running(String... nodes) {
        return operations.start(RollingRestarts.KIND, "watcher web", Operation.Subject.NODE, List.of(nodes), Roll.PENDING);
    }

    /** A rolling restart over these nodes, restarted on all of them and done. */
    public Operation doneOn(String... nodes) {
        Operation operation = running(nodes);
        for (String node : nodes) {
            operation.step(node, Roll.RESTARTED, Optional.empty());
        }
        operation.finish(Operation.State.DONE, "restarted watcher web on " + nodes.length + " of " + nodes.length + " nodes");
        return operation;
    }

    /** A drain of the node over these watchers, each moved, done. */
    public Operation drained(String node, String... watchers) {
        Operation operation = operations.start(NodeDrains.KIND, "node " + node, Operation.Subject.WATCHER, List.of(watchers),
                Drain.PENDING);
        for (String watcher : watchers) {
            operation.step(watcher, Drain.MOVED, Optional.of("to web-02"));
        }
        operation.finish(Operation.State.DONE, "drained node " + node + ": moved " + watchers.length + " of "
                + watchers.length + " cluster watchers");
        return operation;
    }

    /** A dry run of an apply that adds these watchers, over. */
    public Operation planned(String... watchers) {
        Operation operation = operations.start(Applies.KIND, watchers.length + " watchers, a dry run", Operation.Subject.WATCHER,
                List.of(watchers), ApplyPlan.Kind.ADD.planned());
        operation.finish(Operation.State.DONE, "dry run, nothing changed: " + watchers.length + " to add");
        return operation;
    }

    public static void step(Operation operation, String node, String result, String reason) {
        operation.step(node, result, Optional.ofNullable(reason));
    }

    public static void finish(Operation operation, boolean done, String message) {
        operation.finish(done ? Operation.State.DONE : Operation.State.FAILED, message);
    }

    public Optional<Operation> find(String id) {
        return operations.find(id);
    }

    public List<Operation> all() {
        return operations.all();
    }
}
