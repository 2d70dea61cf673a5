package org.circusmeta.registration.registrar;

import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * One znode, watched with Curator's {@link CuratorCache} in single-node mode (a persistent watch, so
 * it works before the znode exists): reports its data and stat each time it is created or changed,
 * and empty when it is deleted. After a reconnection the cache reads the znode again, so the view
 * converges; events during a partition are lost.
 *
 * <p>Thread-safe. The consumer is called on Curator's event thread and must not block.
 */
final class ZnodeWatch implements AutoCloseable {
    private final CuratorCache cache;
    private final String path;

    ZnodeWatch(CuratorFramework curator, String path, Consumer<Optional<ChildData>> onChange) {
        this.path = path;
        this.cache = CuratorCache.build(curator, path, CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> onChange.accept(
                        type == CuratorCacheListener.Type.NODE_DELETED ? Optional.empty() : Optional.ofNullable(after)))
                .build());
    }

    void start() {
        cache.start();
    }

    /** The znode as last seen. */
    Optional<ChildData> current() {
        return cache.get(path);
    }

    @Override
    public void close() {
        cache.close();
    }
}
