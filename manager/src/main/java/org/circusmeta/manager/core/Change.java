package org.circusmeta.manager.core;

/** A change asked of the cluster, as {@link Changes} admits it: each kind of change is one record here. */
public sealed interface Change permits AddWatcher, ScaleWatcher, WatcherCommand, RawCommand, NodeChange,
        RollingRestart, DrainNode, ApplyState {
    /** In words, for the log: "add watcher web where placement chooses". */
    String describe();

    /** The role it takes ({@link RoleCheck}); a change that says nothing takes {@code admin}. */
    default Role needs() {
        return Role.ADMIN;
    }
}
