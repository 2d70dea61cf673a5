package org.circusmeta.manager.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.core.NodeChangeResult.Changed;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;

/**
 * Renames, detaches and attaches nodes. A rename is asked of the node's registrar through
 * {@code /renames/OLD} (docs/registry.md): it re-registers as the new name. Detaching drops the
 * node's connection, so that nothing is sent to it, until it is attached again.
 *
 * <p>Thread-safe. A rename's write runs on the registry-writes executor.
 */
final class NodeChanges {
    private final Parts parts;

    NodeChanges(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<NodeChangeResult> change(NodeChange change) {
        return switch (change.kind()) {
            case RENAME -> rename(change.node(), change.newName().orElseThrow());
            case ATTACH -> CompletableFuture.completedFuture(attach(change.node()));
            case DETACH -> CompletableFuture.completedFuture(parts.connections().detach(change.node())
                    ? new Changed(change.node(), "detached node " + change.node() + "; POST /tasks/attach?node=" + change.node()
                            + " attaches it again")
                    : new Failure.UnknownNode(change.node()));
        };
    }

    private CompletableFuture<NodeChangeResult> rename(String node, String name) {
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        if (name.equals(node)) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest("name: the node is already called " + node
                    + "; give a new name"));
        }
        if (parts.connections().isRegistered(name)) {
            return CompletableFuture.completedFuture(new Failure.NameTaken("name: a node called " + name
                    + " is already registered; choose another name or stop that node first"));
        }
        return CompletableFuture.supplyAsync(() -> {
            parts.renames().request(node, name);
            return new Changed(node, "rename requested: the registrar of " + node + " re-registers it as " + name);
        }, parts.registryWrites());
    }

    private NodeChangeResult attach(String node) {
        Optional<NodeSummary> summary = parts.connections().summary(node);
        if (summary.isEmpty()) {
            return new Failure.UnknownNode(node);
        }
        if (summary.get().state() == NodeState.INVALID) {
            return new Failure.InvalidRecord(node, summary.get().reason().orElse("no reason known"));
        }
        return parts.connections().attach(node) ? new Changed(node, "attaching node " + node) : new Failure.UnknownNode(node);
    }
}
