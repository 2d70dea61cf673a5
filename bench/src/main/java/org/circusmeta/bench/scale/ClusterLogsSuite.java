package org.circusmeta.bench.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.bench.manager.FakeNodes;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.protocol.logs.CapturedLine;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.circusmeta.protocol.logs.LogsOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * {@code GET /api/logs?follow=true} through a manager of its own process: the lines of one watcher on
 * many nodes (real logs endpoints in this JVM, each registered as a node) to one follower, paced at
 * several rates. For each: the lines per second the follower got, their latency from the node taking
 * them to the follower reading them beside the same lines of one node read straight from its endpoint
 * (in the same run), and the manager's CPU per 10,000 lines/s (its process's CPU time, less its idle
 * CPU measured before).
 */
public final class ClusterLogsSuite implements BenchSuite {
    private static final int NODES = Integer.getInteger("logs.nodes", 100);
    private static final int[] RATES = Arrays.stream(System.getProperty("logs.rates", "10000,50000,100000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final long WINDOW_MS = Long.getLong("logs.windowMs", 10_000);
    private static final String WATCHER = "bench";
    private static final int LOOPS = 4;

    @Override
    public void run(BenchReport report) throws Exception {
        Path dir = Files.createTempDirectory("bench-cluster-logs");
        System.out.println("  (manager log in " + dir + ")");
        try (TestingServer zookeeper = new TestingServer(true)) {
            Map<String, String> overrides = ScaleSuite.overrides(zookeeper.getConnectString());
            overrides.put("circus.logs.readerBuffer", "16MiB");
            AdminClient admin = AdminClient.onLoopback(Integer.parseInt(overrides.get("server.adminConnectors[0].port")));
            ManagerClient api = ManagerClient.onLoopback(Integer.parseInt(overrides.get("server.applicationConnectors[0].port")));
            List<SocketLoop> loops = new ArrayList<>();
            List<LogsEndpoint> endpoints = new ArrayList<>();
            try (ManagerProcess manager = ManagerProcess.start(overrides, dir.resolve("manager.log"));
                    CuratorFramework curator = ZooKeeperClients.newClient(zookeeper.getConnectString());
                    FakeNodes controls = new FakeNodes(NODES, 2);
                    SocketLoop clients = new SocketLoop("bench-logs-direct")) {
                curator.start();
                clients.start();
                ScaleSuite.awaitUp(admin);
                List<String> names = register(curator, controls, loops, endpoints);
                manager.states().allAttached(names).get(120, TimeUnit.SECONDS);
                measure(report, manager, api, clients, endpoints);
            } finally {
                endpoints.forEach(LogsEndpoint::close);
                loops.forEach(SocketLoop::close);
            }
        }
        report.row("machine load average at the end of the run", String.format(Locale.ROOT, "%.1f",
                BenchReport.loadAverage()), "", "", "1-minute load of this 2-core machine, other engineers' builds included;"
                + " the nodes, the manager and the follower share its 2 cores");
    }

    /** Starts a logs endpoint a node and registers it, with a fake control socket so that it attaches. */
    private static List<String> register(CuratorFramework curator, FakeNodes controls, List<SocketLoop> loops,
            List<LogsEndpoint> endpoints) throws Exception {
        for (int i = 0; i < LOOPS; i++) {
            SocketLoop loop = new SocketLoop("bench-logs-nodes-" + i);
            loop.start();
            loops.add(loop);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            LogsEndpoint endpoint = new LogsEndpoint(loops.get(i % LOOPS), "tcp://127.0.0.1:0", "circusmeta-node",
                    LogsOptions.DEFAULTS);
            String bound = endpoint.start();
            endpoint.declare(WATCHER, List.of());
            endpoints.add(endpoint);
            String name = "logs-" + i;
            NodeRecord record = NodeRecord.of(name, controls.endpoint(i), Optional.empty(), Optional.empty(), "localhost",
                    Map.of(), 1.0, NodeRecord.KIND_NODE, "0.19.0").withLogsEndpoint(Optional.of(bound));
            curator.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(RegistryPaths.node(name),
                    record.toBytes());
            names.add(name);
        }
        return names;
    }

    private static void measure(BenchReport report, ManagerProcess manager, ManagerClient api, SocketLoop clients,
            List<LogsEndpoint> endpoints) throws Exception {
        try (LogsReaders readers = LogsReaders.open(api, clients, endpoints.get(0), WATCHER)) {
            double idle = cpuPerSecond(manager, 5_000);
            for (int rate : RATES) {
                LinePump pump = LinePump.start(endpoints, WATCHER, rate);
                try {
                    TimeUnit.SECONDS.sleep(2);
                    readers.reset();
                    long appended = appended(endpoints);
                    long fellBehind = endpoints.stream().mapToLong(e -> e.counters().followsFellBehind()).sum();
                    double cpu = cpuPerSecond(manager, WINDOW_MS);
                    LogsReaders.Window w = readers.window();
                    System.out.printf(Locale.ROOT, "  (nodes took %.0f lines/s; follows fell behind %d times; manager cpu"
                            + " %.2f, idle %.2f)%n", (appended(endpoints) - appended) * 1000.0 / WINDOW_MS,
                            endpoints.stream().mapToLong(e -> e.counters().followsFellBehind()).sum() - fellBehind, cpu, idle);
                    rows(report, rate, w, Math.max(0, cpu - idle));
                } finally {
                    pump.close();
                }
                TimeUnit.SECONDS.sleep(2);
            }
        }
    }

    private static long appended(List<LogsEndpoint> endpoints) {
        return endpoints.stream().mapToLong(e -> e.counters().linesAppended()).sum();
    }

    /** The manager's CPU seconds per second over the next {@code millis}. */
    private static double cpuPerSecond(ManagerProcess manager, long millis) throws InterruptedException {
        double before = manager.cpuSeconds();
        TimeUnit.MILLISECONDS.sleep(millis);
        return (manager.cpuSeconds() - before) / (millis / 1000.0);
    }

    private static void rows(BenchReport report, int rate, LogsReaders.Window w, double cpu) {
        String at = String.format(Locale.ROOT, "%,d lines/s offered by %d nodes", rate, NODES);
        report.compare("follow through the manager, lines/s to one follower, " + at, w.managerRate(), rate, "lines/s",
                "offered", w.dropped() ? "the follower was dropped (it fell the reader buffer behind)"
                        : "every node's lines, merged, as server-sent events (lines of 100 bytes)");
        report.row("added latency p50 / p99, " + at, String.format(Locale.ROOT, "%.1f / %.1f ms",
                w.managerP50() - w.directP50(), w.managerP99() - w.directP99()), String.format(Locale.ROOT,
                "%.1f / %.1f ms", w.managerP50(), w.managerP99()), String.format(Locale.ROOT, "direct: %.1f / %.1f ms",
                w.directP50(), w.directP99()), "from the node taking a line to the follower reading it, through the"
                + " manager, less the same for node 0's lines read straight from its endpoint (limit column: through the"
                + " manager, whole)");
        report.row("manager CPU per 10,000 lines/s, " + at, String.format(Locale.ROOT, "%.1f %% of a core",
                100 * cpu / (Math.max(1, w.managerRate()) / 10_000.0)), "", "", "the manager's process CPU time in the"
                + " window, less its idle CPU, per 10,000 lines/s it delivered");
    }

    /** The line a pump writes: its time and number, padded to 100 bytes. */
    static CapturedLine line(long seq) {
        String head = System.nanoTime() + " " + seq + " ";
        return new CapturedLine(OptionalLong.of(4242), LogStream.STDOUT, System.currentTimeMillis() / 1000.0,
                head + "x".repeat(Math.max(1, 100 - head.length())));
    }
}
