package org.circusmeta.bench.footprint;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.circusmeta.registration.record.RegistryPaths;

/**
 * When nodes register, as a watcher of the registry sees their znodes appear.
 *
 * <p>Thread-safe. Lifecycle: the constructor starts watching; {@link #close()} stops.
 */
final class Registrations implements AutoCloseable {
    private final CuratorCache nodes;
    private final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();

    Registrations(CuratorFramework client) {
        nodes = CuratorCache.build(client, RegistryPaths.NODES);
        nodes.listenable().addListener(CuratorCacheListener.builder().forCreates(data -> {
            CompletableFuture<Long> seen = awaited.remove(data.getPath());
            if (seen != null) {
                seen.complete(System.nanoTime());
            }
        }).build());
        nodes.start();
    }

    /** Completes with {@link System#nanoTime()} when {@code /nodes/NAME} is next created. */
    CompletableFuture<Long> next(String name) {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        awaited.put(RegistryPaths.node(name), seen);
        return seen;
    }

    @Override
    public void close() {
        nodes.close();
    }
}
