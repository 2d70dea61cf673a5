package org.circusmeta.manager.registry;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * Watches {@code /nodes}, {@code /watchers} and {@code /eligibility} with Curator's {@link CuratorCache}
 * and publishes an immutable {@link NodeDirectory} after every change, the static nodes of the
 * configuration in it as if registered. Cache callbacks only mark the view dirty; one thread rebuilds
 * the snapshot from the caches, so a storm of changes costs one rebuild.
 *
 * <p>A static node's name is its own: a node that registers under it is left out of the view, and a
 * warning says so (once per version of its record).
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
    private final CuratorCache eligibilityCache;
    private final SortedMap<String, RegisteredNode> staticNodes = new TreeMap<>();
    private final AtomicReference<NodeDirectory> current = new AtomicReference<>(NodeDirectory.EMPTY);
    private final Listeners<DirectoryListener> listeners = new Listeners<>(LOG, "registry listener");
    private final Set<Awaited> awaited = ConcurrentHashMap.newKeySet();

    /** A caller waiting for a view that passes its test. */
    private record Awaited(Predicate<NodeDirectory> test, CompletableFuture<NodeDirectory> done) {}
    private final AtomicBoolean cachesStarted = new AtomicBoolean();
    private final Lifecycle lifecycle = new Lifecycle("the registry watch");
    private volatile boolean loaded;
    private volatile boolean eligibilityLoaded;

    // Registry-view thread state: the record version last warned about, per invalid node, per node
    // registered under a static node's name, and per unreadable eligibility record.
    private final Map<String, Long> warnedVersions = new HashMap<>();
    private final Map<String, Long> warnedShadowed = new HashMap<>();
    private final Map<String, Long> warnedCordons = new HashMap<>();

    public RegistryWatch(CuratorFramework client, ExecutorService rebuilds) {
        this(client, rebuilds, List.of());
    }

    /** @param staticNodes nodes that cannot register themselves (config.yml's {@code nodes}), never written in ZooKeeper */
    public RegistryWatch(CuratorFramework client, ExecutorService rebuilds, List<NodeRecord> staticNodes) {
        this.client = client;
        this.rebuilds = new CoalescedRebuild(rebuilds, this::rebuild);
        this.nodesCache = CuratorCache.build(client, RegistryPaths.NODES);
        this.watchersCache = CuratorCache.build(client, RegistryPaths.WATCHERS);
        this.eligibilityCache = CuratorCache.build(client, RegistryPaths.ELIGIBILITY);
        staticNodes.forEach(r -> this.staticNodes.put(r.name(), new RegisteredNode(r.name(), 0, new NodeRecord.Valid(r))));
    }

    /** The latest snapshot; never null. */
    public NodeDirectory current() {
        return current.get();
    }

    /** Adds a listener; it is told of the current snapshot at once (from the registry-view thread). */
    /**
     * The first view, this one or a later, that passes {@code test}: for a change written to ZooKeeper that
     * a read right after it should see (the view follows ZooKeeper a moment later). The caller bounds the
     * wait ({@code orTimeout}); a wait that ends is forgotten.
     */
    public CompletableFuture<NodeDirectory> view(Predicate<NodeDirectory> test) {
        Awaited a = new Awaited(test, new CompletableFuture<>());
        a.done().whenComplete((view, error) -> awaited.remove(a));
        awaited.add(a);
        check(a, current.get());
        return a.done();
    }

    private static void check(Awaited a, NodeDirectory view) {
        if (a.test().test(view)) {
            a.done().complete(view);
        }
    }

    public void addListener(DirectoryListener listener) {
        listeners.add(listener);
        markDirty();
    }

    @Override
    public void start() {
        lifecycle.start();
        staticNodes.values().forEach(node -> LOG.info("static node {} at {}, from the configuration: attached as if"
                + " registered, never written in ZooKeeper", node.name(), node.record().orElseThrow().endpoint()));
        nodesCache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> markDirty())
                .forInitialized(() -> {
                    loaded = true;
                    markDirty();
                })
                .build());
        watchersCache.listenable().addListener((type, before, after) -> markDirty());
        eligibilityCache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> markDirty())
                .forInitialized(() -> {
                    eligibilityLoaded = true;
                    markDirty();
                })
                .build());
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
        LOG.info("reading the registry under {}, {} and {}", RegistryPaths.NODES, RegistryPaths.WATCHERS,
                RegistryPaths.ELIGIBILITY);
        eligibilityCache.start();
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
            awaited.forEach(a -> check(a, next));
        } catch (RuntimeException e) {
            LOG.error("rebuilding the registry view failed; the previous view stays in use", e);
        }
    }

    private NodeDirectory build(NodeDirectory previous) {
        SortedMap<String, RegisteredNode> nodes = new TreeMap<>(staticNodes);
        Map<String, Long> shadowed = new HashMap<>();
        children(nodesCache, RegistryPaths.NODES).forEach(data -> {
            String name = RegistryPaths.name(data.getPath());
            if (staticNodes.containsKey(name)) {
                shadowed.put(name, zxid(data));
            } else {
                RegisteredNode node = read(previous, data);
                nodes.put(node.name(), node);
            }
        });
        warnedVersions.keySet().retainAll(nodes.keySet());
        warnShadowed(shadowed);
        SortedSet<String> watchers = new TreeSet<>();
        children(watchersCache, RegistryPaths.WATCHERS).forEach(data -> watchers.add(RegistryPaths.name(data.getPath())));
        Optional<SortedMap<String, Cordon>> cordons = eligibilityLoaded ? Optional.of(cordons(previous)) : Optional.empty();
        return new NodeDirectory(nodes, watchers, cordons, loaded && eligibilityLoaded, Instant.now());
    }

    private SortedMap<String, Cordon> cordons(NodeDirectory previous) {
        SortedMap<String, Cordon> cordons = new TreeMap<>();
        Map<String, Long> seen = new HashMap<>();
        children(eligibilityCache, RegistryPaths.ELIGIBILITY).forEach(data -> {
            String name = RegistryPaths.name(data.getPath());
            seen.put(name, zxid(data));
            try {
                Cordon.parse(name, data.getData()).ifPresent(c -> cordons.put(name, c));
            } catch (IllegalArgumentException e) {
                // Unreadable: the node stays out of placement rather than taking work it may have been kept from.
                cordons.put(name, new Cordon(name, Instant.EPOCH, "", Optional.empty()));
                Long warned = warnedCordons.put(name, zxid(data));
                if (warned == null || warned != zxid(data)) {
                    LOG.warn("{} is not an eligibility record ({}); node {} counts as cordoned until it is fixed or"
                            + " POST /api/nodes/{}/uncordon deletes it", data.getPath(), e.getMessage(), name, name);
                }
            }
        });
        warnedCordons.keySet().retainAll(seen.keySet());
        return cordons;
    }

    private void warnShadowed(Map<String, Long> shadowed) {
        shadowed.forEach((name, zxid) -> {
            Long warned = warnedShadowed.put(name, zxid);
            if (warned == null || !warned.equals(zxid)) {
                LOG.warn("node record {} is ignored: {} is a static node of this manager's configuration (nodes: in"
                        + " config.yml), and a name is one node's. Give the registered node another name (--name), or"
                        + " remove the static entry and restart the manager", RegistryPaths.node(name), name);
            }
        });
        warnedShadowed.keySet().retainAll(shadowed.keySet());
    }

    private static Stream<ChildData> children(CuratorCache cache, String parent) {
        return cache.stream().filter(data -> isChild(parent, data.getPath()));
    }

    private static long zxid(ChildData data) {
        return data.getStat() == null ? 0 : data.getStat().getMzxid();
    }

    private RegisteredNode read(NodeDirectory previous, ChildData data) {
        String name = RegistryPaths.name(data.getPath());
        long zxid = zxid(data);
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
        eligibilityCache.close();
    }
}
