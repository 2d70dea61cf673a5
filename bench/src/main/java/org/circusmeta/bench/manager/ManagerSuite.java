package org.circusmeta.bench.manager;

import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.ConnectionListener;
import org.circusmeta.manager.nodes.ConnectionSettings;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.SocketLoops;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.protocol.Request;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The manager core, wired as ManagerApplication wires it (registry watch, node connections on two
 * socket loops, fan-out), against a real ZooKeeper and in-process fake nodes: how fast a registered
 * node is attached, how fast a status fans out to 10, 100 and 300 nodes, how fast a frozen node is
 * noticed; each beside its limit measured in the same run.
 */
public final class ManagerSuite implements BenchSuite {
    private static final int JOINS = 300;
    private static final int MAX_NODES = 300;

    @Override
    public void run(BenchReport report) throws Exception {
        try (TestingServer zk = new TestingServer(true);
                FakeNodes fakes = new FakeNodes(MAX_NODES + JOINS, 2);
                CuratorFramework registrar = client(zk.getConnectString());
                CuratorFramework watcher = client(zk.getConnectString());
                Manager manager = new Manager(zk.getConnectString())) {
            join(report, manager, registrar, watcher, fakes);
            fanOut(report, manager, registrar, fakes);
            frozen(report, manager, fakes);
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.row("machine load average at the end of the run", String.format(java.util.Locale.ROOT, "%.1f", load), "", "",
                "1-minute load on this machine (other builds included): latency tails grow with it");
    }

    private void join(BenchReport report, Manager manager, CuratorFramework registrar, CuratorFramework watcher,
            FakeNodes fakes) throws Exception {
        Histogram join = histogram();
        Histogram bare = histogram();
        Map<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();
        try (CuratorCache cache = CuratorCache.build(watcher, "/bare")) {
            registrar.create().forPath("/bare");
            cache.listenable().addListener(CuratorCacheListener.builder().forCreates(data ->
                    seen.computeIfAbsent(data.getPath(), p -> new CompletableFuture<>()).complete(System.nanoTime())).build());
            cache.start();
            for (int i = 0; i < JOINS; i++) {
                String path = "/bare/n" + i;
                CompletableFuture<Long> arrived = seen.computeIfAbsent(path, p -> new CompletableFuture<>());
                long start = System.nanoTime();
                registrar.create().withMode(CreateMode.EPHEMERAL).forPath(path);
                record(bare, arrived.get(10, TimeUnit.SECONDS) - start, i);

                String name = "join-" + i;
                CompletableFuture<Long> attached = manager.whenAttached(name);
                start = System.nanoTime();
                registrar.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(RegistryPaths.node(name),
                        record(name, fakes.endpoint(MAX_NODES + i)));
                record(join, attached.get(10, TimeUnit.SECONDS) - start, i);
                registrar.delete().forPath(RegistryPaths.node(name));
            }
        }
        report.compare("join: znode created -> attached, p50", BenchReport.millis(join, 50), BenchReport.millis(bare, 50), "ms",
                "ZooKeeper create -> watch event", (JOINS - 20) + " joins measured one at a time, after 20 warm-ups");
        report.compare("join: znode created -> attached, p99", BenchReport.millis(join, 99), BenchReport.millis(bare, 99), "ms",
                "ZooKeeper create -> watch event", "goal: under 100 ms");
    }

    private void fanOut(BenchReport report, Manager manager, CuratorFramework registrar, FakeNodes fakes) throws Exception {
        List<String> names = new ArrayList<>();
        List<CompletableFuture<Long>> attached = new ArrayList<>();
        for (int i = 0; i < MAX_NODES; i++) {
            String name = "fan-" + i;
            names.add(name);
            attached.add(manager.whenAttached(name));
            registrar.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(RegistryPaths.node(name), record(name, fakes.endpoint(i)));
        }
        CompletableFuture.allOf(attached.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Histogram raw = rawRoundTrips(fakes.endpoint(0));
        Request status = Request.of("status");
        for (int n : new int[] {10, 100, 300}) {
            Histogram fan = histogram();
            List<String> targets = names.subList(0, n);
            int rounds = n >= 300 ? 300 : 1_000;
            for (int r = 0; r < rounds + 50; r++) {
                long start = System.nanoTime();
                var result = manager.fanOut.run(status, targets, Duration.ofSeconds(5)).get();
                if (result.failed().size() > 0) {
                    throw new IllegalStateException(result.failed().size() + " of " + n + " nodes failed: " + result.failed().get(0));
                }
                record(fan, System.nanoTime() - start, r - 30);
            }
            report.compare("fan-out status to " + n + " nodes, p50", BenchReport.millis(fan, 50), BenchReport.millis(raw, 50), "ms",
                    "one raw JeroMQ round trip", rounds + " calls" + (n == 100 ? "; goal: p50 under 20 ms" : ""));
            report.compare("fan-out status to " + n + " nodes, p99", BenchReport.millis(fan, 99), BenchReport.millis(raw, 99), "ms",
                    "one raw JeroMQ round trip", rounds + " calls, " + n + " fake nodes on 2 threads");
        }
    }

    private void frozen(BenchReport report, Manager manager, FakeNodes fakes) throws Exception {
        Histogram detection = histogram();
        for (int i = 0; i < 12; i++) {
            String name = "fan-" + i;
            CompletableFuture<Long> lost = manager.when(name, NodeState.UNREACHABLE);
            long start = System.nanoTime();
            fakes.silence(i);
            detection.recordValue(lost.get(10, TimeUnit.SECONDS) - start);
            CompletableFuture<Long> back = manager.whenAttached(name);
            fakes.speak(i);
            back.get(10, TimeUnit.SECONDS);
        }
        report.row("frozen node -> unreachable, p50", BenchReport.format(BenchReport.millis(detection, 50), "ms"), "", "",
                "12 nodes silenced one after another; probe every 500 ms, deadline 1 s (config.yml's defaults)");
        report.row("frozen node -> unreachable, max", BenchReport.format(detection.getMaxValue() / 1e6, "ms"), "", "",
                "goal: under 2 s");
    }

    private static Histogram rawRoundTrips(String endpoint) {
        Histogram raw = histogram();
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.connect(endpoint);
            byte[] request = Request.of("status").withId("0123456789abcdef0123456789abcdef").toBytes();
            for (int i = 0; i < 5_050; i++) {
                long start = System.nanoTime();
                dealer.send(request);
                dealer.recv();
                record(raw, System.nanoTime() - start, i - 50);
            }
        }
        return raw;
    }

    private static byte[] record(String name, String endpoint) {
        return NodeRecord.of(name, endpoint, Optional.empty(), Optional.empty(), "localhost", Map.of(), 1.0,
                NodeRecord.KIND_CIRCUSD, "0.19.0").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void record(Histogram histogram, long nanos, int index) {
        if (index >= 20) {
            histogram.recordValue(nanos);
        }
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    }

    private static CuratorFramework client(String connect) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connect)
                .namespace(RegistryPaths.DEFAULT_NAMESPACE).retryPolicy(new RetryOneTime(100)).build();
        client.start();
        return client;
    }

    /** The manager's core, wired as the application wires it, with a hook on state changes. */
    private static final class Manager implements AutoCloseable, ConnectionListener {
        final CuratorFramework client;
        final SocketLoops loops = new SocketLoops("node-io", 2);
        final ExecutorService rebuilds = Executors.newSingleThreadExecutor(r -> new Thread(r, "registry-view-0"));
        final RegistryWatch registry;
        final NodeConnections connections;
        final FanOut fanOut;
        final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

        Manager(String connect) {
            client = client(connect);
            loops.start();
            registry = new RegistryWatch(client, rebuilds);
            registry.start();
            MetricRegistry metrics = new MetricRegistry();
            connections = new NodeConnections(registry, loops, new ConnectionSettings(Duration.ofSeconds(5),
                    Duration.ofMillis(500), Duration.ofSeconds(1)), metrics);
            connections.addListener(this);
            connections.start();
            fanOut = new FanOut(connections, metrics);
        }

        CompletableFuture<Long> whenAttached(String node) {
            return when(node, NodeState.ATTACHED);
        }

        CompletableFuture<Long> when(String node, NodeState state) {
            return waiting.computeIfAbsent(node + "/" + state, k -> new CompletableFuture<>());
        }

        @Override
        public void stateChanged(String node, NodeState from, NodeState to) {
            CompletableFuture<Long> future = waiting.remove(node + "/" + to);
            if (future != null) {
                future.complete(System.nanoTime());
            }
        }

        @Override
        public void close() {
            connections.close();
            registry.close();
            rebuilds.shutdownNow();
            loops.close();
            client.close();
        }
    }
}
