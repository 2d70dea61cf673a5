package org.circusmeta.bench.scale;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.circusmeta.bench.BenchReport;

/**
 * The scale suite's rows for the manager's footprint and its fan-out, each naming how it was measured.
 *
 * <p>Stateless.
 */
final class ScaleRows {
    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    private ScaleRows() {}

    static void footprint(BenchReport report, List<Footprint> steps) {
        Footprint none = steps.get(0);
        Footprint most = steps.get(steps.size() - 1);
        String n = Integer.toString(most.nodes());
        report.row("manager heap per attached node", BenchReport.format(most.heapPerNode(none) / KIB, "KiB"), "200 KiB (goal)",
                BenchReport.ratio(most.heapPerNode(none) / KIB, 200), "heap in use after 2 full GCs (Dropwizard's gc task, then"
                        + " jvm.memory.heap.used), " + n + " nodes vs none: " + each(steps, f -> mib(f.heap())));
        report.row("manager RSS per attached node", BenchReport.format(most.rssPerNode(none) / KIB, "KiB"), "", "",
                "VmRSS of /proc/PID/status, " + n + " nodes vs none: " + each(steps, f -> mib(f.rss())));
        report.row("manager threads with 0 / " + steps.stream().skip(1).map(f -> Integer.toString(f.nodes()))
                .collect(Collectors.joining(" / ")) + " nodes", steps.stream().map(f -> Integer.toString(f.threads()))
                        .collect(Collectors.joining(" / ")), "no thread per node (goal)", "", "Threads of /proc/PID/status (the JVM's own,"
                        + " Jetty's pool and ZooKeeper's included); the node connections share 2 socket loops");
        report.row("manager file descriptors per attached node", BenchReport.format(most.fdsPerNode(none), ""), "", "",
                "entries of /proc/PID/fd, " + each(steps, f -> Integer.toString(f.fds())) + ": sockets, ZeroMQ's"
                        + " mailboxes and the selector; ulimit -n must exceed the total");
        for (Footprint f : steps) {
            report.compare(String.format(Locale.ROOT, "manager CPU at idle, %d nodes attached", f.nodes()), f.idleCpu() * 100,
                    5.0, "% of a core", f.nodes() == 300 ? "goal" : "goal at 300 nodes", "user + system time of the process"
                            + " (/proc/PID/stat) over 30 s in which nobody calls the API: liveness probes and the nodes'"
                            + " stats streams (1 sleep per node)");
        }
    }

    /** One step's fan-out: through the API to every node and to one, and the manager's own fan-out timer (ms). */
    record FanOutStep(Histogram all, Histogram one, double timerP50, double timerP99) {}

    static void fanOut(BenchReport report, Map<Integer, FanOutStep> byNodes, Histogram raw) {
        for (Map.Entry<Integer, FanOutStep> e : byNodes.entrySet()) {
            int n = e.getKey();
            FanOutStep step = e.getValue();
            String how = step.all().getTotalCount() + " calls of POST /api/command {command: status, nodes: [" + n + " names]},"
                    + " one after the other from one client (HttpURLConnection, keep-alive) after 1,000 warm-up calls at the"
                    + " first step and 100 at the next; the whole HTTP response";
            String goal = n == 100 ? "; goal: p50 under 20 ms" : n == 300 ? "; goal: p50 under 50 ms" : "";
            for (int p : new int[] {50, 99}) {
                report.compare("fan-out status to " + n + " nodes through the API, p" + p, BenchReport.millis(step.all(), p),
                        BenchReport.millis(raw, p), "ms", "one raw JeroMQ round trip to a node", how + (p == 50 ? goal : "")
                        + String.format(Locale.ROOT, "; the same call naming 1 node: %s; the manager's own fan-out timer"
                                + " (circusmeta.command.fan-out, decaying reservoir): %s", BenchReport.format(
                                BenchReport.millis(step.one(), p), "ms"), BenchReport.format(p == 50 ? step.timerP50()
                                : step.timerP99(), "ms")));
            }
        }
    }

    private static String each(List<Footprint> steps, java.util.function.Function<Footprint, String> value) {
        return steps.stream().map(f -> f.nodes() + " nodes: " + value.apply(f)).collect(Collectors.joining(", "));
    }

    private static String mib(long bytes) {
        return BenchReport.format(bytes / MIB, "MiB");
    }
}
