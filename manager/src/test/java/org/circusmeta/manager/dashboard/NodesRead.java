package org.circusmeta.manager.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.manager.core.NodeResult;
import org.circusmeta.manager.core.Operation;
import org.circusmeta.manager.core.Reads;
import org.circusmeta.manager.core.WatcherListing;
import org.circusmeta.manager.nodes.NodeSummary;

/** The nodes as a test sets them; the other reads are not the feed's. */
final class NodesRead implements Reads {
    private final AtomicReference<List<NodeSummary>> nodes = new AtomicReference<>(List.of());

    void set(NodeSummary... now) {
        nodes.set(List.of(now));
    }

    @Override
    public List<NodeSummary> nodes() {
        return nodes.get();
    }

    @Override
    public boolean isRegistered(String node) {
        return nodes.get().stream().anyMatch(n -> n.name().equals(node));
    }

    @Override
    public CompletableFuture<NodeResult> node(String name, Duration within) {
        throw new UnsupportedOperationException("the live feed reads the list only");
    }

    @Override
    public CompletableFuture<List<WatcherListing>> watchers(Duration within) {
        throw new UnsupportedOperationException("the live feed reads the list only");
    }

    @Override
    public Optional<Operation> operation(String id) {
        throw new UnsupportedOperationException("the live feed reads the list only");
    }

    @Override
    public List<Operation> operations() {
        throw new UnsupportedOperationException("the live feed reads the list only");
    }
}
