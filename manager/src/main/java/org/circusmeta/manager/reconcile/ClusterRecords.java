package org.circusmeta.manager.reconcile;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.manager.lifecycle.Listeners;
import org.circusmeta.manager.registry.CoalescedRebuild;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster watcher records under {@code /watchers}: a {@link CuratorCache} of them, published as an
 * immutable map after every change (callbacks only mark it dirty; one thread rebuilds, reusing what
 * did not change), and the writes, each atomic in ZooKeeper: {@link #claim} creates a record only if
 * no record of that name exists, {@link #update} replaces one only at the version read.
 *
 * <p>A write that Curator retried after a lost connection may have been applied by the first try:
 * a create then meets its own record, a versioned write a newer version. Both read the record back
 * and count it as theirs when its bytes are the ones they wrote (each record carries the time and
 * the replica that wrote it, so no other write has the same bytes).
 *
 * <p>Distributed caveat: the cache lags ZooKeeper by a watch event; decisions that must not race
 * rely on the versioned writes, never on the cache. Thread-safe.
 */
public final class ClusterRecords implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRecords.class);

    /** A record and the znode version it was read at. */
    public record Stored(ClusterWatcherRecord record, int version) {}

    private final CuratorFramework client;
    private final CoalescedRebuild rebuilds;
    private final CuratorCache cache;
    private final AtomicReference<SortedMap<String, Stored>> current = new AtomicReference<>(Collections.emptySortedMap());
    private final Listeners<Consumer<SortedMap<String, Stored>>> listeners = new Listeners<>(LOG, "cluster record listener");
    private final Lifecycle lifecycle = new Lifecycle("the cluster records");
    private final Map<String, Integer> warned = new HashMap<>();

    public ClusterRecords(CuratorFramework client, ExecutorService rebuilds) {
        this.client = client;
        this.rebuilds = new CoalescedRebuild(rebuilds, this::rebuild);
        this.cache = CuratorCache.build(client, RegistryPaths.WATCHERS);
    }

    /** Every record by key (the lower-case name), as last read; unreadable records are left out (and logged once). */
    public SortedMap<String, Stored> current() {
        return current.get();
    }

    public Optional<Stored> get(String watcher) {
        return Optional.ofNullable(current.get().get(ClusterWatcherRecord.key(watcher)));
    }

    /** Told of every new map, on the rebuild thread; must return quickly. */
    public void addListener(Consumer<SortedMap<String, Stored>> listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        lifecycle.start();
        cache.listenable().addListener((type, before, after) -> markDirty());
        cache.start();
    }

    private void markDirty() {
        if (!lifecycle.isClosed()) {
            rebuilds.request();
        }
    }

    private void rebuild() {
        try {
            SortedMap<String, Stored> previous = current.get();
            SortedMap<String, Stored> next = new TreeMap<>();
            cache.stream().filter(d -> isChild(d.getPath())).forEach(d -> read(previous, d).ifPresent(s -> next.put(s.record().key(), s)));
            SortedMap<String, Stored> published = Collections.unmodifiableSortedMap(next);
            current.set(published);
            listeners.tell(listener -> listener.accept(published));
        } catch (RuntimeException e) {
            LOG.error("reading the cluster watcher records failed; the previous view stays in use", e);
        }
    }

    private Optional<Stored> read(SortedMap<String, Stored> previous, ChildData data) {
        String key = RegistryPaths.name(data.getPath());
        int version = data.getStat() == null ? -1 : data.getStat().getVersion();
        Stored known = previous.get(key);
        if (known != null && known.version() == version) {
            return Optional.of(known);
        }
        Optional<ClusterWatcherRecord> record = ClusterWatcherRecord.parse(data.getData() == null ? new byte[0] : data.getData());
        if (record.isEmpty() || !record.get().key().equals(key)) {
            Integer was = warned.put(key, version);
            if (was == null || was != version) {
                LOG.warn("{} is not a cluster watcher record (not JSON with name, node and spec.cmd, or named otherwise);"
                        + " it is left alone: delete it with DELETE /api/watchers/{} or fix it", data.getPath(), key);
            }
            return Optional.empty();
        }
        return Optional.of(new Stored(record.get(), version));
    }

    private static boolean isChild(String path) {
        return path.startsWith(RegistryPaths.WATCHERS + "/") && path.indexOf('/', RegistryPaths.WATCHERS.length() + 1) < 0;
    }

    /**
     * Creates the record if no record of its name exists: the claim of the name, atomic in ZooKeeper.
     *
     * @return the record that holds the name: this one (version 0) when the claim succeeded, else the other one;
     *     empty when a record that cannot be read holds it
     * @throws RegistryException when ZooKeeper could not take the write
     */
    public Optional<Stored> claim(ClusterWatcherRecord record) {
        String path = RegistryPaths.watcher(record.key());
        byte[] bytes = record.toBytes();
        try {
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, bytes);
                return Optional.of(new Stored(record, 0));
            } catch (KeeperException.NodeExistsException e) {
                Stat stat = new Stat();
                Optional<byte[]> held = readBytes(path, stat);
                if (held.isEmpty()) {
                    return claim(record);
                }
                // An unreadable record still holds the name: never overwrite it, never loop on it.
                return ClusterWatcherRecord.parse(held.get()).map(r -> new Stored(r, stat.getVersion()));
            }
        } catch (RegistryException e) {
            throw e;
        } catch (Exception e) {
            throw RegistryException.translate("creating " + path, e);
        }
    }

    /**
     * Replaces a record, only if it is still at the version read.
     *
     * @return the new version, or empty when another write came first (or the record was deleted)
     */
    public Optional<Stored> update(ClusterWatcherRecord record, int expectedVersion) {
        String path = RegistryPaths.watcher(record.key());
        byte[] bytes = record.toBytes();
        try {
            try {
                Stat stat = client.setData().withVersion(expectedVersion).forPath(path, bytes);
                return Optional.of(new Stored(record, stat.getVersion()));
            } catch (KeeperException.BadVersionException e) {
                return readBack(path).filter(s -> Arrays.equals(s.record().toBytes(), bytes));
            } catch (KeeperException.NoNodeException e) {
                return Optional.empty();
            }
        } catch (Exception e) {
            throw RegistryException.translate("writing " + path + " at version " + expectedVersion, e);
        }
    }

    /**
     * Deletes a record only if it is still at that version (undoing one's own claim, finishing a removal).
     * Not a guaranteed delete: one that fails is reported, never completed later behind the caller's back.
     */
    public boolean deleteAt(String watcher, int version) {
        String path = RegistryPaths.watcher(ClusterWatcherRecord.key(watcher));
        try {
            client.delete().withVersion(version).forPath(path);
            return true;
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            return false;
        } catch (Exception e) {
            throw RegistryException.translate("deleting " + path, e);
        }
    }

    /** The record as ZooKeeper holds it now, not as the cache last saw it. */
    public Optional<Stored> read(String watcher) {
        String path = RegistryPaths.watcher(ClusterWatcherRecord.key(watcher));
        try {
            return readBack(path);
        } catch (Exception e) {
            throw RegistryException.translate("reading " + path, e);
        }
    }

    /**
     * Refuses at once a change that would write to ZooKeeper while it is not connected, so that nothing
     * of it is done (rather than waiting for the retries and leaving the write to land later).
     *
     * @throws RegistryUnavailableException saying so, and that nothing was changed
     */
    public void requireConnected(String change) {
        if (!client.getZookeeperClient().isConnected()) {
            throw new RegistryUnavailableException("ZooKeeper is not connected, so nothing was done to " + change
                    + "; try again once /healthcheck on the admin port says zookeeper is healthy");
        }
    }

    private Optional<byte[]> readBytes(String path, Stat stat) throws Exception {
        try {
            return Optional.of(client.getData().storingStatIn(stat).forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    private Optional<Stored> readBack(String path) throws Exception {
        Stat stat = new Stat();
        return readBytes(path, stat).flatMap(ClusterWatcherRecord::parse).map(r -> new Stored(r, stat.getVersion()));
    }

    @Override
    public void close() {
        if (lifecycle.close()) {
            cache.close();
        }
    }
}
