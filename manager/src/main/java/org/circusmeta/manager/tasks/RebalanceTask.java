package org.circusmeta.manager.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.circusmeta.manager.reconcile.Leadership;
import org.circusmeta.manager.reconcile.Reconciler;

/**
 * {@code POST /tasks/rebalance}: the leader re-places the cluster watchers now and prints
 * each decision; another replica says which one leads. Thread-safe.
 */
public class RebalanceTask extends Task {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final Reconciler reconciler;
    private final Leadership leadership;

    public RebalanceTask(Reconciler reconciler, Leadership leadership) {
        super("rebalance");
        this.reconciler = reconciler;
        this.leadership = leadership;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        if (!leadership.isLeader()) {
            output.println("this replica (" + leadership.id() + ") does not lead, so it does not place cluster watchers again; "
                    + leadership.leader().map(l -> "the leader is " + l + ": POST /tasks/rebalance on its admin port")
                            .orElse("no replica leads right now (is ZooKeeper reachable? see /healthcheck); try again shortly"));
            return;
        }
        List<String> said = reconciler.rebalance(BOUND);
        said.forEach(output::println);
        output.println("rebalance done on the leader (" + leadership.id() + "): " + said.size() + " decision"
                + (said.size() == 1 ? "" : "s"));
    }
}
