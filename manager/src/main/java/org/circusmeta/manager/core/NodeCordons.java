package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.core.NodeChangeResult.Changed;

/**
 * Cordons and uncordons nodes: a cordoned node takes no new placement (placement's "must be eligible"
 * rule) while what runs on it stays, until it is uncordoned. Recorded in ZooKeeper under
 * {@code /eligibility/NAME}, so that it survives a manager's restart and the node's re-registration;
 * a rename through the manager carries it to the new name ({@code registry.Cordons}).
 *
 * <p>Thread-safe. The writes run on the registry-writes executor.
 */
final class NodeCordons {
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(2);

    private final Parts parts;

    NodeCordons(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<NodeChangeResult> cordon(String node, Actor actor) {
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        return CompletableFuture.supplyAsync(() -> {
            boolean changed = parts.cordons().cordon(node, actor.toString());
            seen(node, false);
            return new Changed(node, changed
                    ? "cordoned node " + node + ": it takes no new placement, what runs on it stays; POST /api/nodes/" + node
                            + "/uncordon undoes it"
                    : "node " + node + " was cordoned already; POST /api/nodes/" + node + "/uncordon undoes it");
        }, parts.registryWrites());
    }

    CompletableFuture<NodeChangeResult> uncordon(String node) {
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        return CompletableFuture.supplyAsync(() -> {
            boolean changed = parts.cordons().uncordon(node);
            seen(node, true);
            return new Changed(node, changed ? "uncordoned node " + node + ": it takes new placements again"
                    : "node " + node + " was not cordoned: it takes new placements");
        }, parts.registryWrites());
    }

    /**
     * Waits, a moment at most, until the manager's view of the registry shows what was written, so that a
     * {@code GET /api/nodes} right after the answer shows it too (the view follows ZooKeeper's watch).
     */
    private void seen(String node, boolean eligible) {
        parts.registry().view(view -> view.isEligible(node) == eligible).completeOnTimeout(null, SEEN_WITHIN.toMillis(),
                TimeUnit.MILLISECONDS).join();
    }
}
