package org.circusmeta.manager.core;

import java.util.List;

/**
 * Makes the cluster watchers what a file says (README.md, "Fleet operations"): the plan first (each
 * watcher of the file to add, to change or unchanged; with {@code prune}, each cluster watcher not in
 * the file to remove), then, unless {@code dryRun}, new watchers placed, changed ones replaced one copy
 * at a time, and the pruned ones removed. Applying the same file twice changes nothing the second time.
 *
 * @param watchers the cluster watchers the file asks for, in its order, none pinned
 */
public record ApplyState(List<AddWatcher> watchers, boolean prune, boolean dryRun) implements Change {
    public ApplyState {
        watchers = List.copyOf(watchers);
    }

    @Override
    public String describe() {
        return (dryRun ? "plan" : "apply") + " a desired state of " + watchers.size() + " cluster watcher"
                + (watchers.size() == 1 ? "" : "s") + (prune ? ", removing the others" : "");
    }
}
