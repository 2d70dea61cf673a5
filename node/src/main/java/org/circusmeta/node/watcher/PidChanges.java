package org.circusmeta.node.watcher;

import java.util.List;

/**
 * What an operation did to a watcher's processes, as circusd reports it: the pids gone, the new ones,
 * and those present before and after. Each list sorted.
 *
 * <p>Immutable.
 */
public record PidChanges(List<Long> stopped, List<Long> started, List<Long> kept) {
    public PidChanges {
        stopped = stopped.stream().sorted().toList();
        started = started.stream().sorted().toList();
        kept = kept.stream().sorted().toList();
    }

    public static PidChanges started(List<Long> started, List<Long> kept) {
        return new PidChanges(List.of(), started, kept);
    }
}
