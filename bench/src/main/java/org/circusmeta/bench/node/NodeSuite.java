package org.circusmeta.bench.node;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.bench.Proc;
import org.circusmeta.bench.StartedProcesses;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.stream.CircusSubscriber;

/**
 * circusmeta-node: commands served per second, and what supervising processes with the stats stream
 * on costs the node itself, measured as the CPU time the kernel charges to the node's process.
 */
public final class NodeSuite implements BenchSuite {
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "stats_endpoint = tcp://127.0.0.1:0\n";
    private static final Duration RUN = Duration.ofSeconds(5);
    private static final Duration CPU_WARMUP = Duration.ofSeconds(10);
    private static final Duration CPU_WINDOW = Duration.ofSeconds(30);
    private static final Duration HOSTED_WARMUP = Duration.ofSeconds(30);

    @Override
    public void run(BenchReport report) throws Exception {
        commands(report);
        jarCpu(report);
        hostedCpu(report);
    }

    private void commands(BenchReport report) throws Exception {
        try (NodeHost host = NodeHost.start("bench-node"); SocketLoop clients = new SocketLoop("bench-clients")) {
            CircusNode node = StartedProcesses.closeOnExit(new CircusNode(NodeConfig.parse(CIRCUS
                    + "[watcher:sleeper]\ncmd = sleep 100000\n" + "numprocesses = 2\n[watcher:scaled]\ncmd = sleep 100001\n", "bench.ini"), host));
            node.start();
            clients.start();
            try (CircusClient client = new CircusClient(clients, node.endpoint())) {
                client.start();
                pipelined(client, Request.of("status"), 64, Duration.ofSeconds(2));
                double status = pipelined(client, Request.of("status"), 64, RUN);
                report.compare("status calls served", status, 5_000, "calls/s", "goal",
                        "one client, 64 calls in flight, 5 s, node and client in one JVM");
                double pairs = incrDecrPairs(client);
                double spawns = rawSpawns();
                report.compare("incr+decr pairs (waiting), each a real process", pairs, spawns, "pairs/s",
                        "fork+exec+kill of sleep, no node", "sequential, 5 s; incr spawns a process (two execs: setsid, then the command), decr signals it");
            } finally {
                node.close();
                StartedProcesses.closed(node);
            }
        }
    }

    /** Calls per second with a fixed number of calls in flight. */
    private static double pipelined(CircusClient client, Request request, int inFlight, Duration during) throws Exception {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + during.toNanos();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < inFlight; i++) {
            CompletableFuture<Void> lane = new CompletableFuture<>();
            lanes.add(lane);
            next(client, request, end, done, lane);
        }
        CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(during.toSeconds() + 30, TimeUnit.SECONDS);
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static void next(CircusClient client, Request request, long end, LongAdder done, CompletableFuture<Void> lane) {
        if (System.nanoTime() >= end) {
            lane.complete(null);
            return;
        }
        client.call(request).whenComplete((reply, error) -> {
            if (error != null || !reply.isOk()) {
                lane.completeExceptionally(error != null ? error : new IllegalStateException(reply.toString()));
                return;
            }
            done.increment();
            next(client, request, end, done, lane);
        });
    }

    private static double incrDecrPairs(CircusClient client) {
        Request incr = Request.of("incr", Map.of("name", "scaled", "waiting", true));
        Request decr = Request.of("decr", Map.of("name", "scaled", "waiting", true));
        long end = System.nanoTime() + RUN.toNanos();
        long start = System.nanoTime();
        long pairs = 0;
        while (System.nanoTime() < end) {
            check(client.callAndWait(incr));
            check(client.callAndWait(decr));
            pairs++;
        }
        return pairs / ((System.nanoTime() - start) / 1e9);
    }

    /** The same work without a node: start a sleep, signal it, wait for it. */
    private static double rawSpawns() throws Exception {
        long end = System.nanoTime() + RUN.toNanos();
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            Process p = new ProcessBuilder("sleep", "100002").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.destroy();
            p.waitFor();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(Reply reply) {
        if (!reply.isOk()) {
            throw new IllegalStateException("the node refused: " + reply);
        }
    }

    /**
     * The real node, started by scripts/circusmeta-node as an operator starts it, supervising 100 sleeps,
     * stats on and read: its own CPU over 30 s, after 10 s of warm-up.
     */
    private void jarCpu(BenchReport report) throws Exception {
        Path dir = Files.createTempDirectory("bench-node");
        Path ini = dir.resolve("node.ini");
        Files.writeString(ini, CIRCUS + "[watcher:sleepers]\ncmd = sleep 100003\nnumprocesses = 100\n");
        Process node = new ProcessBuilder(Path.of("scripts", "circusmeta-node").toString(), "--config", ini.toString())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            String stats = awaitStatsEndpoint(dir.resolve("err.txt"));
            LongAdder messages = new LongAdder();
            try (SocketLoop loop = new SocketLoop("bench-stats");
                    CircusSubscriber sub = new CircusSubscriber(loop, stats, List.of("stat."), (t, b) -> messages.increment())) {
                loop.start();
                sub.start();
                TimeUnit.MILLISECONDS.sleep(CPU_WARMUP.toMillis());
                double before = Proc.cpuSeconds(node.pid());
                long received = messages.sum();
                long start = System.nanoTime();
                TimeUnit.MILLISECONDS.sleep(CPU_WINDOW.toMillis());
                double seconds = (System.nanoTime() - start) / 1e9;
                double percent = (Proc.cpuSeconds(node.pid()) - before) / seconds * 100;
                double rate = (messages.sum() - received) / seconds;
                report.compare("CPU of circusmeta-node supervising 100 processes, stats on", percent, 2.0, "% of a core",
                        "goal", String.format(java.util.Locale.ROOT, "scripts/circusmeta-node (its own JVM, C1 only), "
                                + "/proc/PID/stat utime+stime over 30 s after 10 s of warm-up; %.0f stat messages/s read",
                                rate));
            }
        } finally {
            node.destroy();
            node.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** 100 nodes in this JVM, 2 processes each: the JVM's CPU over 30 s (the nodes are all it runs). */
    private void hostedCpu(BenchReport report) throws Exception {
        List<CircusNode> nodes = new ArrayList<>();
        NodeHost host = NodeHost.start("bench-hosted");
        try {
            for (int i = 0; i < 100; i++) {
                CircusNode node = StartedProcesses.closeOnExit(new CircusNode(NodeConfig.parse(CIRCUS
                        + "[watcher:w]\ncmd = sleep 100004\n" + "numprocesses = 2\n", "hosted.ini"), host));
                node.start();
                nodes.add(node);
            }
            TimeUnit.MILLISECONDS.sleep(HOSTED_WARMUP.toMillis());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            AtomicLong before = new AtomicLong(os.getProcessCpuTime());
            long start = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(CPU_WINDOW.toMillis());
            double percent = (os.getProcessCpuTime() - before.get()) / (double) (System.nanoTime() - start) * 100;
            report.compare("CPU of one JVM hosting 100 nodes (200 processes), stats on", percent, 4.0, "% of a core",
                    "goal: 2 % per 100 processes", "in this benchmark's JVM (C2 on): NodeHost, one loop and one sampler "
                            + "thread; process CPU time over 30 s after 30 s of warm-up; nobody reads the stats");
        } finally {
            nodes.forEach(CircusNode::close);
            nodes.forEach(StartedProcesses::closed);
            host.close();
        }
    }

    private static String awaitStatsEndpoint(Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    int at = line.indexOf(", stats ");
                    if (line.contains("node listening") && at > 0) {
                        String rest = line.substring(at + ", stats ".length());
                        int comma = rest.indexOf(',');
                        return (comma < 0 ? rest : rest.substring(0, comma)).strip();
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the node did not say where it listens within 60 s; see " + log);
    }
}
