package org.circusmeta.manager.registry;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.manager.lifecycle.Listeners;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code /nodes} and {@code /watchers} with Curator's {@link CuratorCache} and publishes an
 * immutable {@link NodeDirectory} after every change. Cache callbacks only mark the view dirty; one
 * thread rebuilds the snapshot from the caches, so a storm of changes costs one rebuild.
 *
 * <p>Distributed caveat: while ZooKeeper is unreachable the view stays as it last was (nodes are not
 * dropped for a partition); changes made meanwhile are seen after reconnection, when Curator
 * re-reads the tree. The caches start on the first connection, so that a manager started before
 * ZooKeeper still reads the whole registry once it comes up.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once, {@link #close()} idempotent.
 */
public final class RegistryWatch implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWatch.class);

    private final CuratorFramework client;
    private final CoalescedRebuild rebuilds;
    private final CuratorCache nodesCache;
    private final CuratorCache watchersCache;
    private final AtomicReference<NodeDirectory> current = new AtomicReference<>(NodeDirectory.EMPTY);
    private final Listeners<DirectoryListener> listeners = new Listeners<>(LOG, "registry listener");
    private final AtomicBoolean cachesStarted = new AtomicBoolean();
    private final Lifecycle lifecycle = new Lifecycle("the registry watch");
    private volatile boolean loaded;

    // Registry-view thread state: the record version last warned about, per invalid node.
    private final Map<String, Long> warnedVersions = new HashMap<>();

    public RegistryWatch(CuratorFramework client, ExecutorService rebuilds) {
        this.client = client;
        this.rebuilds = new CoalescedRebuild(rebuilds, this::rebuild);
        this.nodesCache = CuratorCache.build(client, RegistryPaths.NODES);
        this.watchersCache = CuratorCache.build(client, RegistryPaths.WATCHERS);
    }

    /** The latest snapshot; never null. */
    public NodeDirectory current() {
        return current.get();
    }

    /** Adds a listener; it is told of the current snapshot at once (from the registry-view thread). */
    public void addListener(DirectoryListener listener) {
        listeners.add(listener);
        markDirty();
    }

    @Override
    public void start() {
        lifecycle.start();
        nodesCache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> markDirty())
                .forInitialized(() -> {
                    loaded = true;
                    markDirty();
                })
                .build());
        watchersCache.listenable().addListener((type, before, after) -> markDirty());
        client.getConnectionStateListenable().addListener((c, state) -> onConnectionState(state));
        if (client.getZookeeperClient().isConnected()) {
            startCaches();
        }
    }

    private void onConnectionState(ConnectionState state) {
        if (state.isConnected()) {
            startCaches();
        }
    }

    private void startCaches() {
        if (lifecycle.isClosed() || !cachesStarted.compareAndSet(false, true)) {
            return;
        }
        LOG.info("reading the registry under {} and {}", RegistryPaths.NODES, RegistryPaths.WATCHERS);
        nodesCache.start();
        watchersCache.start();
    }

    private void markDirty() {
        if (!lifecycle.isClosed()) {
            rebuilds.request();
        }
    }

    private void rebuild() {
        if (lifecycle.isClosed()) {
            return;
        }
        try {
            NodeDirectory previous = current.get();
            NodeDirectory next = build(previous);
            current.set(next);
            listeners.tell(listener -> listener.directoryChanged(previous, next));
        } catch (RuntimeException e) {
            LOG.error("rebuilding the registry view failed; the previous view stays in use", e);
        }
    }

    private NodeDirectory build(NodeDirectory previous) {
        SortedMap<String, RegisteredNode> nodes = new TreeMap<>();
        nodesCache.stream()
                .filter(data -> isChild(RegistryPaths.NODES, data.getPath()))
                .forEach(data -> {
                    RegisteredNode node = read(previous, data);
                    nodes.put(node.name(), node);
                });
        warnedVersions.keySet().retainAll(nodes.keySet());
        SortedSet<String> watchers = new TreeSet<>();
        watchersCache.stream()
                .filter(data -> isChild(RegistryPaths.WATCHERS, data.getPath()))
                .forEach(data -> watchers.add(RegistryPaths.name(data.getPath())));
        return new NodeDirectory(nodes, watchers, loaded, Instant.now());
    }

    private RegisteredNode read(NodeDirectory previous, ChildData data) {
        String name = RegistryPaths.name(data.getPath());
        long zxid = data.getStat() == null ? 0 : data.getStat().getMzxid();
        RegisteredNode known = previous.nodes().get(name);
        if (known != null && known.modifiedZxid() == zxid && zxid != 0) {
            return known;
        }
        RegisteredNode node = new RegisteredNode(name, zxid, NodeRecord.parse(name, data.getData()));
        node.invalidReason().ifPresent(reason -> warnOnce(name, zxid, reason));
        return node;
    }

    private void warnOnce(String name, long zxid, String reason) {
        Long warned = warnedVersions.put(name, zxid);
        if (warned == null || warned != zxid) {
            LOG.warn("node record {} is invalid and is not attached: {}. Fix the registrar that writes it;"
                    + " GET /api/nodes shows it as invalid meanwhile", RegistryPaths.node(name), reason);
        }
    }

    private static boolean isChild(String parent, String path) {
        return path.length() > parent.length() + 1 && path.startsWith(parent + "/")
                && path.indexOf('/', parent.length() + 1) < 0;
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        nodesCache.close();
        watchersCache.close();
    }
}
