package org.circusmeta.manager.core;

import java.util.concurrent.CompletableFuture;
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
    private final Parts parts;

    NodeCordons(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<NodeChangeResult> cordon(String node, Actor actor) {
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        return CompletableFuture.supplyAsync(() -> new Changed(node, parts.cordons().cordon(node, actor.toString())
                ? "cordoned node " + node + ": it takes no new placement, what runs on it stays; POST /api/nodes/" + node
                        + "/uncordon undoes it"
                : "node " + node + " was cordoned already; POST /api/nodes/" + node + "/uncordon undoes it"),
                parts.registryWrites());
    }

    CompletableFuture<NodeChangeResult> uncordon(String node) {
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        return CompletableFuture.supplyAsync(() -> new Changed(node, parts.cordons().uncordon(node)
                ? "uncordoned node " + node + ": it takes new placements again"
                : "node " + node + " was not cordoned: it takes new placements"), parts.registryWrites());
    }
}
