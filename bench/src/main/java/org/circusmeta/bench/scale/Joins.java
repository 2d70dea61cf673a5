package org.circusmeta.bench.scale;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * Nodes joining one at a time, each timed three ways: from its registrar's start to the manager's
 * {@code attached} line (the whole join), and from its znode's creation, as a watcher in this JVM sees
 * it, to that line (the manager's own part); beside a bare ZooKeeper create (by the registrars' client)
 * -> watch event (on another client), alternating with the joins (the limit).
 *
 * <p>Confined to the thread that grows the fleet.
 */
final class Joins implements AutoCloseable {
    private static final String BARE = "/bare";

    final Histogram whole = histogram();
    final Histogram managerPart = histogram();
    final Histogram bare = histogram();
    private final CuratorFramework watcher;
    private final CuratorCache nodes;
    private final CuratorCache bareCache;
    private final Map<String, CompletableFuture<Long>> created = new ConcurrentHashMap<>();
    private int joined;
    private final int warmUps;

    Joins(String zookeeper, int warmUps) {
        this.warmUps = warmUps;
        watcher = ZooKeeperClients.newClient(zookeeper);
        watcher.start();
        nodes = CuratorCache.build(watcher, RegistryPaths.NODES);
        bareCache = CuratorCache.build(watcher, BARE);
        CuratorCacheListener seen = CuratorCacheListener.builder().forCreates(data ->
                created(data.getPath()).complete(System.nanoTime())).build();
        nodes.listenable().addListener(seen);
        bareCache.listenable().addListener(seen);
        nodes.start();
        bareCache.start();
    }

    private CompletableFuture<Long> created(String path) {
        return created.computeIfAbsent(path, p -> new CompletableFuture<>());
    }

    /** Starts a node of the fleet and times its join; then a bare create -> watch. */
    void join(NodeFleet fleet, NodeStates states, String name, Map<String, String> labels) throws Exception {
        boolean counted = joined++ >= warmUps;
        CompletableFuture<Long> attached = states.next(name, NodeStates.State.ATTACHED);
        CompletableFuture<Long> znode = created(RegistryPaths.node(name));
        fleet.start(name, labels);
        // CircusNode.start() returns once its registrar has started.
        long start = System.nanoTime();
        long end = attached.get(30, TimeUnit.SECONDS);
        long seen = znode.get(30, TimeUnit.SECONDS);
        bare(fleet.curator(), name, counted);
        if (counted) {
            whole.recordValue(end - start);
            managerPart.recordValue(Math.max(0, end - seen));
        }
    }

    private void bare(CuratorFramework client, String name, boolean counted) throws Exception {
        String path = BARE + "/" + name;
        CompletableFuture<Long> seen = created(path);
        long start = System.nanoTime();
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path);
        long end = seen.get(30, TimeUnit.SECONDS);
        if (counted) {
            bare.recordValue(end - start);
        }
        client.delete().forPath(path);
    }

    int measured() {
        return (int) whole.getTotalCount();
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    }

    @Override
    public void close() {
        nodes.close();
        bareCache.close();
        watcher.close();
    }
}
