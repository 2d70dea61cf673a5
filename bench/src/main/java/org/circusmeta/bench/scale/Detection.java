package org.circusmeta.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.testsupport.SeparateNode;

/**
 * How fast the manager notices a node that stops: frozen ({@code SIGSTOP} of a circusmeta-node in its
 * own process: its sockets stay open and silent, its ZooKeeper session lives), killed ({@code SIGKILL}:
 * sockets closed, the session lives until it expires), and stopped cleanly (an in-process node of the
 * fleet ends: its registrar deletes its znode).
 *
 * <p>Confined to the thread that measures.
 */
final class Detection {
    private static final int FREEZES = 10;

    private final ManagerProcess manager;
    private final String zookeeper;
    private final Path dir;

    Detection(ManagerProcess manager, String zookeeper, Path dir) {
        this.manager = manager;
        this.zookeeper = zookeeper;
        this.dir = dir;
    }

    /** Starts the two separate nodes and waits until they are attached. */
    List<SeparateNode> startNodes() throws Exception {
        SeparateNode frozen = separate("frozen-node");
        SeparateNode killed = separate("killed-node");
        manager.states().allAttached(List.of(frozen.name(), killed.name())).get(120, TimeUnit.SECONDS);
        return List.of(frozen, killed);
    }

    private SeparateNode separate(String name) throws IOException {
        Path ini = dir.resolve(name + ".ini");
        Files.writeString(ini, "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
                + "stats_endpoint = tcp://127.0.0.1:0\n" + NodeFleet.WATCHER);
        return SeparateNode.start(Path.of("."), name, zookeeper, ini, List.of(), dir.resolve(name + ".out"));
    }

    void frozen(BenchReport report, SeparateNode node) throws Exception {
        Histogram detection = Joins.histogram();
        Histogram back = Joins.histogram();
        for (int i = 0; i < FREEZES; i++) {
            CompletableFuture<Long> lost = manager.states().next(node.name(), NodeStates.State.UNREACHABLE);
            long start = System.nanoTime();
            node.freeze();
            detection.recordValue(lost.get(30, TimeUnit.SECONDS) - start);
            CompletableFuture<Long> again = manager.states().next(node.name(), NodeStates.State.ATTACHED);
            long thawed = System.nanoTime();
            node.thaw();
            back.recordValue(again.get(30, TimeUnit.SECONDS) - thawed);
        }
        String how = FREEZES + " times SIGSTOP of a circusmeta-node in its own process (scripts/circusmeta-node), from the"
                + " signal to the manager's 'unreachable' line; probe every 500 ms, deadline 1 s (config.yml)";
        report.row("frozen node -> unreachable, p50", BenchReport.format(BenchReport.millis(detection, 50), "ms"), "", "", how);
        report.row("frozen node -> unreachable, max", BenchReport.format(detection.getMaxValue() / 1e6, "ms"), "2,000 ms (goal)",
                BenchReport.ratio(detection.getMaxValue() / 1e6, 2_000), how);
        report.row("thawed node -> attached again, max", BenchReport.format(back.getMaxValue() / 1e6, "ms"), "", "",
                "SIGCONT to the manager's 'answers again' line: the next probe's answer");
    }

    void killed(BenchReport report, SeparateNode node) throws Exception {
        CompletableFuture<Long> lost = manager.states().next(node.name(), NodeStates.State.UNREACHABLE);
        CompletableFuture<Long> gone = manager.states().next(node.name(), NodeStates.State.DETACHED);
        long start = System.nanoTime();
        node.kill();
        double unreachable = (lost.get(30, TimeUnit.SECONDS) - start) / 1e6;
        double detached = (gone.get(60, TimeUnit.SECONDS) - start) / 1e6;
        report.row("killed node -> unreachable", BenchReport.format(unreachable, "ms"), "2,000 ms (goal)",
                BenchReport.ratio(unreachable, 2_000), "SIGKILL of a circusmeta-node in its own process; its sockets close, the next"
                        + " probe goes unanswered");
        report.row("killed node -> detached (its znode gone)", BenchReport.format(detached, "ms"),
                "10,000 ms (its ZooKeeper session timeout)", BenchReport.ratio(detached, 10_000),
                "the znode of a dead session goes when ZooKeeper expires it; the node is unreachable meanwhile");
    }

    void stopped(BenchReport report, NodeFleet fleet, String name) throws Exception {
        CompletableFuture<Long> gone = manager.states().next(name, NodeStates.State.DETACHED);
        long start = System.nanoTime();
        fleet.stop(name);
        double detached = (gone.get(30, TimeUnit.SECONDS) - start) / 1e6;
        report.row("node stopped cleanly -> detached", BenchReport.format(detached, "ms"), "", "",
                "an in-process node ends: it stops its process, then its registrar deletes its znode; to the manager's"
                        + " 'detached' line");
    }
}
