package org.circusmeta.manager.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.circusmeta.manager.reconcile.Leadership;
import org.circusmeta.manager.reconcile.ReschedulingValve;

/**
 * {@code POST /tasks/resume-rescheduling}: ends a pause of rescheduling now (docs/placement.md, "Safe
 * rescheduling"); the nodes still gone have their copies placed elsewhere as usual. Each replica keeps
 * its own valve: on one that does not lead, the answer names the leader too. Thread-safe.
 */
public class ResumeReschedulingTask extends Task {
    private final ReschedulingValve valve;
    private final Leadership leadership;

    public ResumeReschedulingTask(ReschedulingValve valve, Leadership leadership) {
        super("resume-rescheduling");
        this.valve = valve;
        this.leadership = leadership;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        boolean was = valve.resume();
        output.println(was ? "rescheduling resumed on this replica (" + leadership.id() + "): copies of the nodes still gone"
                + " are placed elsewhere once placement.rescheduleAfter has passed"
                : "rescheduling was not paused on this replica (" + leadership.id() + "); nothing changed");
        if (!leadership.isLeader()) {
            output.println("this replica does not lead: " + leadership.leader().map(l -> "the leader is " + l
                    + "; POST /tasks/resume-rescheduling on its admin port resumes it there")
                    .orElse("no replica leads right now (is ZooKeeper reachable? see /healthcheck)"));
        }
    }
}
