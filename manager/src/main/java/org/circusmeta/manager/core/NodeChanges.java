package org.circusmeta.manager.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.zookeeper.KeeperException;
import org.circusmeta.manager.core.NodeChangeResult.Changed;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.zookeeper.RegistryException;

/**
 * Renames, detaches, attaches, cordons and uncordons nodes. A rename is asked of the node's registrar
 * through {@code /renames/OLD} (docs/registry.md): it re-registers as the new name, its cordon (if it
 * has one) carried over first. A static node (config.yml) has no registrar: it is renamed in the
 * configuration. Detaching drops the node's connection, so that nothing is sent to it, until it is
 * attached again. Cordons: {@link NodeCordons}.
 *
 * <p>Thread-safe. A rename's writes run on the registry-writes executor.
 */
final class NodeChanges {
    private final Parts parts;
    private final NodeCordons cordons;

    NodeChanges(Parts parts) {
        this.parts = parts;
        this.cordons = new NodeCordons(parts);
    }

    CompletableFuture<NodeChangeResult> change(NodeChange change, Actor actor) {
        return switch (change.kind()) {
            case CORDON -> cordons.cordon(change.node(), actor);
            case UNCORDON -> cordons.uncordon(change.node());
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
        if (parts.registry().current().node(node).flatMap(RegisteredNode::record)
                .filter(r -> r.kind().equals(NodeRecord.KIND_STATIC)).isPresent()) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest("node: " + node + " is a static node of"
                    + " the manager's configuration, with no registrar to rename it; rename it in config.yml (nodes:)"
                    + " and restart the managers"));
        }
        return CompletableFuture.supplyAsync(() -> requestRename(node, name), parts.registryWrites());
    }

    /** One rename at a time: a second one while the registrar follows the first would find the node gone. */
    private NodeChangeResult requestRename(String node, String name) {
        Optional<String> pending = parts.renames().pending(node);
        if (pending.isPresent()) {
            return new Failure.NameTaken("node " + node + " is being renamed to " + pending.get() + " already; wait until"
                    + " GET /api/nodes lists " + pending.get() + ", then rename that");
        }
        parts.cordons().followRename(parts.registry().current(), node, name);
        try {
            parts.renames().request(node, name);
        } catch (RegistryException e) {
            if (e.getCause() instanceof KeeperException.NoNodeException) {
                return new Failure.NameTaken("node " + node + " left the registry while the rename was written (renamed"
                        + " or stopped meanwhile); GET /api/nodes shows what it is called now");
            }
            throw e;
        }
        return new Changed(node, "rename requested: the registrar of " + node + " re-registers it as " + name);
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
