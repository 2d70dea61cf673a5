package org.circusmeta.manager.core;

import java.util.List;
import org.circusmeta.manager.watchers.Instances;

/** What came of scaling a cluster watcher: its new count and copies, or a {@link Failure}. */
public sealed interface ScaleResult permits ScaleResult.Scaled, Failure.UnknownWatcher, Failure.NoFit, Failure.InvalidRequest, Failure.Forbidden {

    /**
     * The count now, the copies placed (those that started), the nodes whose copies were removed, and
     * every node recorded with a copy now; copies that did not start are placed again by the leader.
     */
    record Scaled(String name, Instances instances, List<AddResult.PlacedCopy> added, List<String> removed,
            List<String> copies, List<String> notStarted) implements ScaleResult {
        public Scaled {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            copies = List.copyOf(copies);
            notStarted = List.copyOf(notStarted);
        }
    }
}
