package org.circusmeta.manager.reconcile;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.circusmeta.manager.placement.Placer;

/**
 * Tells the placer of every placement recorded, by this replica or another, so that each counts as
 * load on its node until the node's stats show it: two replicas placing at once see each other's
 * choices within a ZooKeeper watch event rather than a stats interval.
 *
 * <p>Confined to the cluster-records thread.
 */
final class PlacementsSeen implements Consumer<SortedMap<String, ClusterRecords.Stored>> {
    private final Placer placer;
    private Map<String, Integer> seen = new HashMap<>();

    PlacementsSeen(Placer placer) {
        this.placer = placer;
    }

    @Override
    public void accept(SortedMap<String, ClusterRecords.Stored> records) {
        Map<String, Integer> now = new HashMap<>(records.size() * 2);
        for (ClusterRecords.Stored stored : records.values()) {
            ClusterWatcherRecord r = stored.record();
            now.put(r.key(), stored.version());
            Integer before = seen.get(r.key());
            if (before == null || before != stored.version()) {
                r.copies().forEach(c -> placer.reserveSeen(r.name(), c.node(), r.numprocesses(), c.placedAt()));
            }
        }
        seen = now;
    }
}
