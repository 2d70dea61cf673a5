package org.circusmeta.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.circusmeta.bench.footprint.FootprintSuite;
import org.circusmeta.bench.logs.LogsSuite;
import org.circusmeta.bench.scale.ClusterLogsSuite;
import org.circusmeta.bench.manager.ManagerSuite;
import org.circusmeta.bench.node.NodeSuite;
import org.circusmeta.bench.placement.PlacementSuite;
import org.circusmeta.bench.relay.RelaySuite;
import org.circusmeta.bench.scale.FleetSuite;
import org.circusmeta.bench.scale.ScaleSuite;

/**
 * Runs benchmark suites by name and writes their rows to {@code docs/benchmarks.md}:
 * {@code java -jar bench/target/circusmeta-bench.jar [--out FILE] [SUITE...]} (all suites when none
 * is named). {@code scripts/bench} builds the jar and runs it. {@link #suites()} names every suite,
 * in the order they run.
 */
public final class Bench {
    private Bench() {}

    static Map<String, BenchSuite> suites() {
        Map<String, BenchSuite> all = new LinkedHashMap<>();
        all.put("protocol", new ProtocolBench());
        all.put("manager", new ManagerSuite());
        all.put("node", new NodeSuite());
        all.put("logs", new LogsSuite());
        all.put("cluster-logs", new ClusterLogsSuite());
        all.put("registry", new RegistryBench());
        all.put("footprint", new FootprintSuite());
        all.put("relay", new RelaySuite());
        all.put("placement", new PlacementSuite());
        all.put("scale", new ScaleSuite());
        all.put("fleet", new FleetSuite());
        return all;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("docs", "benchmarks.md");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: scripts/bench [--out FILE] [SUITE...]   suites: " + String.join(", ", suites().keySet()));
                return;
            } else {
                names.add(args[i]);
            }
        }
        Map<String, BenchSuite> suites = suites();
        if (names.isEmpty()) {
            names.addAll(suites.keySet());
        }
        StartedProcesses.endAllOnExit();
        String machine = machine();
        System.out.println("circusmeta benchmarks on " + machine);
        for (String name : names) {
            BenchSuite suite = suites.get(name);
            if (suite == null) {
                System.err.println("unknown suite '" + name + "'; known: " + String.join(", ", suites.keySet()));
                System.exit(2);
            }
            System.out.println("\n== " + name);
            BenchReport report = new BenchReport(name, machine);
            suite.run(report);
            report.writeTo(out);
        }
        System.out.println("\nwritten to " + out);
    }

    static String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores, %.0f GiB, %s %s, Java %s", cores, mem / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }
}
