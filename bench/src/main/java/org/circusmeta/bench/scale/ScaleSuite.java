package org.circusmeta.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.bench.manager.FakeNodes;
import org.circusmeta.bench.relay.RelayMeasurement;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.testsupport.SeparateNode;

/**
 * One manager, as an operator runs it (its own JVM, the repository's config.yml), and up to 300 real
 * circusmeta-nodes in this JVM ({@link NodeFleet#LOOPS} loops, one sampler, one Curator client, one
 * {@code sleep} each),
 * registered in a ZooKeeper of this JVM: joins, the manager's footprint and idle CPU at 0, 10, 100 and
 * 300 nodes, fan-out through the API, detection of frozen and killed nodes, the relay and placement
 * through the manager's process, a restart, and a start with the embedded ZooKeeper.
 */
public final class ScaleSuite implements BenchSuite {
    private static final int[] STEPS = java.util.Arrays.stream(System.getProperty("scale.steps", "10,100,300").split(","))
            .mapToInt(Integer::parseInt).toArray();
    /** The parts to run (all by default); for profiling one of them: -Dscale.parts=relay,detect,place,restart,embedded. */
    private static final List<String> PARTS = List.of(System.getProperty("scale.parts",
            "relay,detect,place,restart,embedded").split(","));
    private static final int POOL = 50;
    /** The step at which placement is measured: the first with at least this many nodes. */
    private static final int PLACE_AT = 100;
    private static final int JOIN_WARM_UPS = 10;
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("scale.settle", 10));
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(Integer.getInteger("scale.idle", 30));
    private static final Duration RESCHEDULE_AFTER = Duration.ofSeconds(2);

    @Override
    public void run(BenchReport report) throws Exception {
        double loadBefore = BenchReport.loadAverage();
        Path dir = Files.createTempDirectory("bench-scale");
        System.out.println("  (manager logs and node output in " + dir + ")");
        if (PARTS.contains("relay")) {
            relay(report, dir);
        }
        try (TestingServer zookeeper = new TestingServer(true)) {
            Map<String, String> overrides = overrides(zookeeper.getConnectString());
            int api = Integer.parseInt(overrides.get("server.applicationConnectors[0].port"));
            int admin = Integer.parseInt(overrides.get("server.adminConnectors[0].port"));
            ManagerClient managerApi = ManagerClient.onLoopback(api);
            AdminClient managerAdmin = AdminClient.onLoopback(admin);
            ManagerProcess manager = ManagerProcess.start(overrides, dir.resolve("manager.log"));
            SeparateNode frozen = null;
            try (NodeFleet fleet = new NodeFleet(zookeeper.getConnectString());
                    SpawnWatch spawns = new SpawnWatch(overrides.get("circus.pubsubEndpoint"))) {
                awaitUp(managerAdmin);
                report.row("manager start-up, external ZooKeeper -> API serving", BenchReport.format(
                        (System.nanoTime() - manager.startedAt()) / 1e6, "ms"), "", "", "java -jar circusmeta-manager.jar"
                        + " server config.yml (no JVM options, as scripts/circusmeta-manager) until /healthcheck answers");
                grow(report, manager, managerApi, managerAdmin, fleet, zookeeper.getConnectString(), spawns);
                if (PARTS.contains("detect")) {
                    frozen = detect(report, manager, zookeeper.getConnectString(), dir, fleet);
                }
                if (PARTS.contains("restart")) {
                    List<String> registered = new ArrayList<>(fleet.names());
                    if (frozen != null) {
                        registered.add(frozen.name());
                    }
                    manager = Restarts.restart(report, manager, overrides, dir.resolve("manager-2.log"), registered);
                }
            } finally {
                manager.close();
                if (frozen != null) {
                    frozen.close();
                }
            }
        }
        if (PARTS.contains("embedded")) {
            embedded(report, dir);
        }
        report.row("machine load average, start / end of the run", String.format(Locale.ROOT, "%.1f / %.1f", loadBefore, BenchReport.loadAverage()),
                "", "", "1-minute load of this 2-core machine: the manager, the nodes and the measuring share it");
    }

    private void grow(BenchReport report, ManagerProcess manager, ManagerClient api, AdminClient admin, NodeFleet fleet,
            String zookeeper,
            SpawnWatch spawns) throws Exception {
        boolean placed = !PARTS.contains("place");
        int named = 0;
        List<Footprint> footprints = new ArrayList<>();
        footprints.add(Footprint.measure(manager, admin, 0, SETTLE, IDLE_WINDOW));
        Map<Integer, ScaleRows.FanOutStep> fanOuts = new LinkedHashMap<>();
        Histogram raw;
        try (Joins joins = new Joins(zookeeper, JOIN_WARM_UPS)) {
            for (int step : STEPS) {
                while (fleet.size() < step) {
                    String name = String.format(Locale.ROOT, "n%03d", named++);
                    joins.join(fleet, manager.states(), name, Map.of("pool", fleet.size() < POOL ? "place" : "rest"));
                }
                footprints.add(Footprint.measure(manager, admin, step, SETTLE, IDLE_WINDOW));
                int calls = step >= 300 ? 300 : 500;
                // The first step warms the manager's fan-out path up (JIT): 1,000 calls, measured to take p50 from 6 to 2 ms.
                int warmUps = step == STEPS[0] ? 1_000 : 100;
                Histogram all = FanOutTimes.throughApi(api, fleet.names(), warmUps, calls);
                var timer = admin.metrics().path("timers").path("circusmeta.command.fan-out");
                Histogram one = FanOutTimes.throughApi(api, fleet.names().subList(0, 1), 100, calls);
                fanOuts.put(step, new ScaleRows.FanOutStep(all, one, timer.path("p50").asDouble() * 1000,
                        timer.path("p99").asDouble() * 1000));
                if (!placed && (step >= PLACE_AT || step == STEPS[STEPS.length - 1])) {
                    // Here rather than at 300: the adds spawn real processes, and 300 nodes on one loop of this JVM
                    // (a harness no host runs) then answer their registrars too late to stay registered.
                    place(report, api, fleet, spawns);
                    placed = true;
                }
            }
            reportJoins(report, joins);
            raw = FanOutTimes.raw(fleet.node(fleet.names().get(0)).endpoint(), 1_000, 5_000);
        }
        ScaleRows.footprint(report, footprints);
        ScaleRows.fanOut(report, fanOuts, raw);
    }

    private static void reportJoins(BenchReport report, Joins joins) {
        String how = joins.measured() + " nodes started one after the other (0 to 300, the first " + JOIN_WARM_UPS
                + " not counted): CircusNode.start() returns with its registrar started, which asks the node"
                + " 'globaloptions', then creates its znode; to the manager's 'attached' line";
        for (int p : new int[] {50, 99}) {
            report.compare("join: registrar start -> attached, p" + p, BenchReport.millis(joins.whole, p), BenchReport.millis(joins.bare, p), "ms",
                    "ZooKeeper create -> watch event", how + (p == 99 ? "; goal: p99 under 100 ms" : ""));
            report.compare("  of which znode created -> attached, p" + p, BenchReport.millis(joins.managerPart, p), BenchReport.millis(joins.bare, p), "ms",
                    "ZooKeeper create -> watch event", "from the znode's creation as a watcher in this JVM sees it; bare"
                            + " creates alternate with the joins (registrars' client creates, another client watches)");
        }
    }

    /** Returns the node that was frozen (thawed, still registered): one more node for the restart. */
    private SeparateNode detect(BenchReport report, ManagerProcess manager, String zookeeper, Path dir, NodeFleet fleet)
            throws Exception {
        Detection detection = new Detection(manager, zookeeper, dir);
        List<SeparateNode> separate = detection.startNodes();
        try {
            detection.frozen(report, separate.get(0));
            detection.killed(report, separate.get(1));
            List<String> names = fleet.names();
            detection.stopped(report, fleet, names.get(names.size() - 1));
            return separate.get(0);
        } catch (Exception | Error e) {
            separate.get(0).close();
            throw e;
        } finally {
            separate.get(1).close();
        }
    }

    /**
     * The relay through a manager of its own, with a ZooKeeper of its own, so that the heap and RSS its
     * bursts leave behind do not count in the footprint of the nodes measured after.
     */
    private void relay(BenchReport report, Path dir) throws Exception {
        int nodes = 10;
        RelayMeasurement measurement = new RelayMeasurement(nodes, new int[] {200_000}, 3);
        int[] round = {0};
        try (TestingServer zookeeper = new TestingServer(true)) {
            Map<String, String> overrides = overrides(zookeeper.getConnectString());
            AdminClient admin = AdminClient.onLoopback(Integer.parseInt(overrides.get("server.adminConnectors[0].port")));
            try (ManagerProcess manager = ManagerProcess.start(overrides, dir.resolve("manager-relay.log"));
                    CuratorFramework curator = ZooKeeperClients.newClient(zookeeper.getConnectString());
                    FakeNodes controls = new FakeNodes(nodes, 1)) {
                curator.start();
                awaitUp(admin);
                RelayMeasurement.Figures[] figures = measurement.measure(() -> new ManagerRelayPath(manager, admin, curator,
                        controls, overrides.get("circus.statsEndpoint"), "relay-" + round[0]++ + "-"));
                measurement.report(report, figures[0], figures[1], "through a manager's own process (one started for"
                        + " this part alone, its publishers registered as nodes)");
            }
        }
    }

    private void place(BenchReport report, ManagerClient api, NodeFleet fleet, SpawnWatch spawns) throws Exception {
        PlacementRun placement = new PlacementRun(api, spawns, RESCHEDULE_AFTER);
        placement.landed(report, fleet, fleet.names().subList(0, Math.min(POOL, fleet.size())));
        placement.rescheduled(report, fleet);
        placement.removeAll(fleet.size());
    }

    private void embedded(BenchReport report, Path dir) throws Exception {
        int port = freePort();
        Map<String, String> overrides = overrides("embedded");
        overrides.put("zookeeper.embedded.port", Integer.toString(port));
        overrides.put("zookeeper.embedded.dataDir", dir.resolve("zookeeper").toString());
        Restarts.embedded(report, overrides, port, dir.resolve("manager-embedded.log"));
    }

    static Map<String, String> overrides(String zookeeper) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("server.applicationConnectors[0].port", Integer.toString(freePort()));
        o.put("server.adminConnectors[0].port", Integer.toString(freePort()));
        o.put("zookeeper.connect", zookeeper);
        o.put("circus.endpoint", "tcp://127.0.0.1:" + freePort());
        o.put("circus.pubsubEndpoint", "tcp://127.0.0.1:" + freePort());
        o.put("circus.statsEndpoint", "tcp://127.0.0.1:" + freePort());
        o.put("placement.rescheduleAfter", RESCHEDULE_AFTER.toSeconds() + "s");
        return o;
    }

    static void awaitUp(AdminClient admin) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!admin.isUp()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the manager did not serve its API within 120 s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
