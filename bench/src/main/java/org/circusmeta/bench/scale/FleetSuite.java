package org.circusmeta.bench.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.OperationView;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ManagerClient;

/**
 * Fleet operations through one manager of its own JVM and real circusmeta-nodes in this JVM: a drain of
 * a node holding {@value #DRAINED} cluster watchers (the time to done, and the fewest running copies of
 * any of them, sampled every 100 ms), and an apply of many watchers (the plan's time, and watchers
 * landed per second beside the same adds through {@code POST /api/watchers}).
 */
public final class FleetSuite implements BenchSuite {
    private static final int NODES = Integer.getInteger("fleet.nodes", 10);
    private static final int DRAINED = 50;
    private static final int PARALLEL = Integer.getInteger("fleet.parallel", 4);
    private static final int APPLIED = Integer.getInteger("fleet.watchers", 200);
    private static final int IN_FLIGHT = 8;

    @Override
    public void run(BenchReport report) throws Exception {
        double loadBefore = BenchReport.loadAverage();
        Path dir = Files.createTempDirectory("bench-fleet");
        System.out.println("  (manager log in " + dir + ")");
        try (TestingServer zookeeper = new TestingServer(true)) {
            Map<String, String> overrides = ScaleSuite.overrides(zookeeper.getConnectString());
            ManagerClient api = ManagerClient.onLoopback(Integer.parseInt(overrides.get("server.applicationConnectors[0].port")));
            try (ManagerProcess manager = ManagerProcess.start(overrides, dir.resolve("manager.log"));
                    NodeFleet fleet = new NodeFleet(zookeeper.getConnectString())) {
                ScaleSuite.awaitUp(AdminClient.onLoopback(Integer.parseInt(overrides.get("server.adminConnectors[0].port"))));
                List<String> names = new ArrayList<>();
                for (int i = 0; i < NODES; i++) {
                    names.add(String.format(Locale.ROOT, "f%03d", i));
                    fleet.start(names.get(i), Map.of("pool", "fleet"));
                }
                manager.states().allAttached(names).get(120, TimeUnit.SECONDS);
                drain(report, api, names);
                apply(report, api);
            }
        }
        report.row("machine load average, start / end of the run", String.format(Locale.ROOT, "%.1f / %.1f", loadBefore,
                BenchReport.loadAverage()), "", "", "1-minute load of this 2-core machine: the manager, the nodes, the"
                        + " measuring and whatever else runs share it");
    }

    private static void drain(BenchReport report, ManagerClient api, List<String> nodes) throws Exception {
        String drained = nodes.get(0);
        nodes.subList(1, nodes.size()).forEach(api::cordon);
        List<String> watchers = new ArrayList<>();
        for (int i = 0; i < DRAINED; i++) {
            watchers.add("drained-" + i);
            api.add(new AddWatcherRequest(watchers.get(i), "sleep 100000", null, 1, null, null, null, null,
                    Map.of("pool", "fleet"), null));
        }
        nodes.subList(1, nodes.size()).forEach(api::uncordon);
        AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger samples = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-sampler"));
        sampler.scheduleAtFixedRate(() -> sample(api, nodes, watchers, fewest, samples), 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        OperationView done = api.drain(drained, new DrainRequest(PARALLEL, "10m"));
        double millis = (System.nanoTime() - start) / 1e6;
        TimeUnit.MILLISECONDS.sleep(200);
        sampler.shutdownNow();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        String how = "one node of " + nodes.size() + " holding " + DRAINED + " cluster watchers (sleep, 1 process), POST"
                + " /api/nodes/" + drained + "/drain maxParallel " + PARALLEL + " until it answers " + done.state();
        report.row("drain of a node holding " + DRAINED + " cluster watchers: time to done", BenchReport.format(millis, "ms"),
                "", "", how + " (" + done.message() + ")");
        report.row("  fewest running copies of any of them during it", Integer.toString(fewest.get()), "1 (goal: never 0)",
                fewest.get() >= 1 ? "yes" : "no", samples.get() + " samples, every 100 ms: circus 'status' on every node"
                        + " through POST /api/command, each watcher counted on the nodes that show it active");
    }

    private static void sample(ManagerClient api, List<String> nodes, List<String> watchers, AtomicInteger fewest,
            AtomicInteger samples) {
        try {
            Map<String, ObjectNode> status = api.command(new CommandRequest("status", null, nodes)).results();
            for (String watcher : watchers) {
                int active = (int) status.values().stream().filter(r -> "active".equals(r.path("statuses")
                        .path(watcher).asText())).count();
                fewest.accumulateAndGet(active, Math::min);
            }
            samples.incrementAndGet();
        } catch (RuntimeException e) {
            System.err.println("  a sample failed: " + e.getMessage());
        }
    }

    private static void apply(BenchReport report, ManagerClient api) throws Exception {
        StringBuilder file = new StringBuilder("watchers:\n");
        for (int i = 0; i < APPLIED; i++) {
            file.append("  - name: applied-").append(i).append("\n    cmd: sleep 100000\n    constraints: {pool: fleet}\n");
        }
        long planning = System.nanoTime();
        OperationView plan = api.apply(file.toString(), true, false);
        double planMillis = (System.nanoTime() - planning) / 1e6;
        long start = System.nanoTime();
        OperationView applied = api.apply(file.toString(), false, false);
        double applySeconds = (System.nanoTime() - start) / 1e9;
        double bare = bareAdds(api);
        report.row("apply of " + APPLIED + " watchers on " + NODES + " nodes: the plan (dry run)",
                BenchReport.format(planMillis, "ms"), "", "", "POST /api/apply?dry_run=true of a YAML file of " + APPLIED
                        + " watchers, none recorded yet, until it answers (" + plan.message() + ")");
        report.compare("  watchers landed by the apply", APPLIED / applySeconds, bare, "/s", "the same adds through POST"
                + " /api/watchers", "POST /api/apply until it answers " + applied.state() + " (" + applied.message()
                + "); the peer: " + APPLIED + " POST /api/watchers of other names, " + IN_FLIGHT + " in flight");
    }

    private static double bareAdds(ManagerClient api) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT, r -> new Thread(r, "bench-add"));
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> adds = new ArrayList<>();
            for (int i = 0; i < APPLIED; i++) {
                String name = "bare-" + i;
                adds.add(CompletableFuture.runAsync(() -> api.add(new AddWatcherRequest(name, "sleep 100000", null, 1, null,
                        null, null, null, Map.of("pool", "fleet"), null)), threads));
            }
            CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            return APPLIED / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdown();
        }
    }
}
