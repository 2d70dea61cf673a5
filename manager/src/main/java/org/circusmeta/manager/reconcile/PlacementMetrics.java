package org.circusmeta.manager.reconcile;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/**
 * What placement and the reconciler did, in {@code /metrics}: watchers placed, moved off lost
 * nodes (or by a rebalance), stale copies removed, records added again where they ran nowhere, copies
 * removed (a count lowered), and
 * failures (a node that refused or did not answer, a write that lost its race).
 *
 * <p>Thread-safe.
 */
public final class PlacementMetrics {
    public static final String PREFIX = "circusmeta.placement";

    private final Meter placements;
    private final Meter moves;
    private final Meter staleCopies;
    private final Meter restores;
    private final Meter removals;
    private final Meter failures;

    public PlacementMetrics(MetricRegistry metrics) {
        placements = metrics.meter(MetricRegistry.name(PREFIX, "placements"));
        moves = metrics.meter(MetricRegistry.name(PREFIX, "moves"));
        staleCopies = metrics.meter(MetricRegistry.name(PREFIX, "stale-copies-removed"));
        restores = metrics.meter(MetricRegistry.name(PREFIX, "restores"));
        removals = metrics.meter(MetricRegistry.name(PREFIX, "copies-removed"));
        failures = metrics.meter(MetricRegistry.name(PREFIX, "failures"));
    }

    public void placed() {
        placements.mark();
    }

    void moved() {
        moves.mark();
    }

    void staleCopyRemoved() {
        staleCopies.mark();
    }

    void restored() {
        restores.mark();
    }

    void copyRemoved() {
        removals.mark();
    }

    public void failed() {
        failures.mark();
    }
}
