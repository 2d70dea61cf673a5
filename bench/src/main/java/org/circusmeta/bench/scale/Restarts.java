package org.circusmeta.bench.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.circusmeta.bench.BenchReport;

/**
 * The manager started again: with N nodes registered in an external ZooKeeper, stopped (SIGTERM) and
 * started anew, the time until every node is attached again; and a first start with the embedded
 * ZooKeeper of config.yml, the time until the first node (registering as soon as ZooKeeper accepts
 * connections) is attached.
 *
 * <p>Stateless.
 */
final class Restarts {
    private static final String REGISTRY_READ = "reading the registry under";
    private static final String JETTY_STARTED = "org.eclipse.jetty.server.Server: Started";

    private Restarts() {}

    /** Stops the manager, starts it again with the same configuration; returns the new one. */
    static ManagerProcess restart(BenchReport report, ManagerProcess old, Map<String, String> overrides, Path log,
            List<String> registered) throws Exception {
        long stopping = System.nanoTime();
        old.stop();
        double stopped = (System.nanoTime() - stopping) / 1e6;
        ManagerProcess fresh = ManagerProcess.start(overrides, log);
        long all = fresh.states().allAttached(registered).get(120, TimeUnit.SECONDS);
        long read = fresh.whenLogged(l -> l.contains(REGISTRY_READ)).get(1, TimeUnit.SECONDS);
        long jetty = fresh.whenLogged(l -> l.contains(JETTY_STARTED)).get(60, TimeUnit.SECONDS);
        double total = (all - fresh.startedAt()) / 1e6;
        String n = String.format(java.util.Locale.ROOT, "%,d", registered.size());
        report.row("restart: new process started -> all " + n + " nodes attached", BenchReport.format(total, "ms"),
                "3,000 ms (goal)", BenchReport.ratio(total, 3_000), "the manager stopped with SIGTERM (took "
                        + BenchReport.format(stopped, "ms") + "), started again (java -jar, as scripts/circusmeta-manager),"
                        + " the nodes registered all along in an external ZooKeeper; to the last 'attached' line");
        report.row("  of which JVM and Dropwizard start-up, to the registry read", BenchReport.format((read - fresh.startedAt()) / 1e6,
                "ms"), "", "", "process start to the manager's 'reading the registry' line");
        report.row("  of which registry read -> all " + n + " attached", BenchReport.format((all - read) / 1e6, "ms"), "", "",
                "Jetty serving the API " + BenchReport.format((jetty - fresh.startedAt()) / 1e6, "ms") + " after the start");
        return fresh;
    }

    /** A fresh manager with the embedded ZooKeeper; one node registers as soon as ZooKeeper accepts connections. */
    static void embedded(BenchReport report, Map<String, String> overrides, int zookeeperPort, Path log) throws Exception {
        try (ManagerProcess manager = ManagerProcess.start(overrides, log)) {
            awaitPort(zookeeperPort);
            long zookeeperUp = System.nanoTime();
            CompletableFuture<Long> attached = manager.states().next("first-node", NodeStates.State.ATTACHED);
            try (NodeFleet fleet = new NodeFleet("127.0.0.1:" + zookeeperPort)) {
                fleet.start("first-node", Map.of());
                long first = attached.get(60, TimeUnit.SECONDS);
                long jetty = manager.whenLogged(l -> l.contains(JETTY_STARTED)).get(60, TimeUnit.SECONDS);
                double total = (first - manager.startedAt()) / 1e6;
                report.row("start-up with embedded ZooKeeper -> first node attached", BenchReport.format(total, "ms"), "", "",
                        "java -jar circusmeta-manager.jar with config.yml's zookeeper.connect: embedded and an empty data"
                                + " directory; an in-process node starts once the ZooKeeper port accepts ("
                                + BenchReport.format((zookeeperUp - manager.startedAt()) / 1e6, "ms") + "); Jetty serving at "
                                + BenchReport.format((jetty - manager.startedAt()) / 1e6, "ms"));
            }
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        throw new IllegalStateException("the embedded ZooKeeper did not accept connections on port " + port + " within 60 s");
    }
}
