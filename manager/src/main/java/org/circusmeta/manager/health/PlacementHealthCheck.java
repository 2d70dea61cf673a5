package org.circusmeta.manager.health;

import com.codahale.metrics.health.HealthCheck;
import org.circusmeta.manager.reconcile.Leadership;
import org.circusmeta.manager.reconcile.ReschedulingValve;

/**
 * Unhealthy while rescheduling is paused because too many nodes left at once (docs/placement.md,
 * "Safe rescheduling"): the message says which nodes, since when, and how it resumes. Thread-safe.
 */
public class PlacementHealthCheck extends HealthCheck {
    private final ReschedulingValve valve;
    private final Leadership leadership;

    public PlacementHealthCheck(ReschedulingValve valve, Leadership leadership) {
        this.valve = valve;
        this.leadership = leadership;
    }

    @Override
    protected Result check() {
        String role = leadership.isLeader() ? "this replica leads" : "this replica does not lead";
        return valve.paused().map(p -> Result.unhealthy("rescheduling paused (" + role + "): " + valve.describe(p)))
                .orElseGet(() -> Result.healthy("rescheduling on (" + role + "): a copy whose node is gone longer than"
                        + " placement.rescheduleAfter is placed elsewhere"));
    }
}
