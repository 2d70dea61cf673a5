package org.circusmeta.bench.footprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.bench.StartedProcesses;
import org.circusmeta.bench.footprint.Launched.Footprint;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * What the per-host processes cost their host. The agent ({@code scripts/circusmeta-register}, the
 * real launcher) registering a circusmeta-node that plays circusd (in this JVM, one quiet watcher
 * writing to a file, which the agent follows for its logs), in a ZooKeeper {@code TestingServer}:
 * start to registered, with and without its class-data archive, then RSS, threads and CPU at idle;
 * beside the same jar run with no JVM option ({@code java -jar}), in the same run. And
 * {@code scripts/circusmeta-node} registered with one quiet watcher, measured the same way.
 */
public final class FootprintSuite implements BenchSuite {
    private static final Path AGENT = Path.of("scripts", "circusmeta-register");
    private static final Path NODE = Path.of("scripts", "circusmeta-node");
    private static final Path AGENT_JAR = Path.of("registration", "target", "circusmeta-register.jar");
    private static final int STARTS = Integer.getInteger("footprint.starts", 5);
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("footprint.settle", 60));
    private static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("footprint.window", 120));
    private static final double MIB = 1024 * 1024;

    private record Start(Launched process, double millis) {}

    @Override
    public void run(BenchReport report) throws Exception {
        double loadBefore = BenchReport.loadAverage();
        Path dir = Files.createTempDirectory("bench-footprint");
        System.out.println("  (agent and node output in " + dir + ")");
        try (TestingServer zookeeper = new TestingServer(true);
                CuratorFramework client = ZooKeeperClients.newClient(zookeeper.getConnectString());
                NodeHost host = NodeHost.start("bench-circusd")) {
            client.start();
            CircusNode circusd = StartedProcesses.closeOnExit(new CircusNode(NodeConfig.parse("[circus]\n"
                    + "endpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\nstats_endpoint = tcp://127.0.0.1:0\n"
                    + "[watcher:quiet]\ncmd = sleep 100000\nstdout_stream.class = FileStream\nstdout_stream.filename = "
                    + dir.resolve("quiet.log") + "\n", "circusd.ini"), host));
            circusd.start();
            try (Registrations registrations = new Registrations(client)) {
                Measure measure = new Measure(zookeeper.getConnectString(), circusd, registrations, dir);
                measure.run(report);
            } finally {
                circusd.close();
                StartedProcesses.closed(circusd);
            }
        }
        report.row("machine load average, start / end of the run", String.format(Locale.ROOT, "%.1f / %.1f", loadBefore,
                BenchReport.loadAverage()), "", "", "1-minute load of this 2-core machine, other engineers' builds included");
    }

    /** One run's processes: the agent by its launcher, the agent with no JVM option, a node by its launcher. */
    private static final class Measure {
        private final String zookeeper;
        private final CircusNode circusd;
        private final Registrations registrations;
        private final Path dir;
        private int started;

        Measure(String zookeeper, CircusNode circusd, Registrations registrations, Path dir) {
            this.zookeeper = zookeeper;
            this.circusd = circusd;
            this.registrations = registrations;
            this.dir = dir;
        }

        void run(BenchReport report) throws Exception {
            Files.deleteIfExists(archive(".jsa"));
            Files.deleteIfExists(archive(".classlist"));
            double listing = startAndStop(true);
            double dumping = startAndStop(true);
            List<Start> agent = starts(true);
            List<Start> plain = starts(false);
            Start node = start(List.of(NODE.toString(), "--config", nodeIni().toString(), "--zookeeper", zookeeper,
                    "--name", "bench-node"), "bench-node");
            Launched[] idle = {last(agent).process(), last(plain).process(), node.process()};
            try {
                TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
                Footprint[] f = idleTogether(idle);
                startRows(report, agent, plain, listing, dumping);
                agentRows(report, f[0], f[1]);
                nodeRows(report, node.millis(), f[2]);
            } finally {
                for (Launched l : idle) {
                    l.close();
                }
            }
        }

        /** Starts the agent STARTS times, stopping each but the last; the start times. */
        private List<Start> starts(boolean launcher) throws Exception {
            List<Start> all = new ArrayList<>();
            for (int i = 0; i < STARTS; i++) {
                if (!all.isEmpty()) {
                    last(all).process().close();
                }
                all.add(startAgent(launcher));
            }
            return all;
        }

        private double startAndStop(boolean launcher) throws Exception {
            Start s = startAgent(launcher);
            s.process().close();
            return s.millis();
        }

        private Start startAgent(boolean launcher) throws Exception {
            String name = (launcher ? "agent-" : "plain-") + started;
            List<String> command = new ArrayList<>();
            if (launcher) {
                command.add(AGENT.toString());
            } else {
                command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        AGENT_JAR.toString()));
            }
            command.addAll(List.of("--zookeeper", zookeeper, "--endpoint", circusd.endpoint(), "--pubsub",
                    circusd.pubsubEndpoint(), "--stats", circusd.statsEndpoint().orElseThrow(), "--name", name));
            return start(command, name);
        }

        private Start start(List<String> command, String name) throws Exception {
            var registered = registrations.next(name);
            Launched process = Launched.start(command, Map.of(), dir.resolve(name + "-" + started++ + ".log"));
            try {
                long at = registered.get(120, TimeUnit.SECONDS);
                return new Start(process, (at - process.startedAt()) / 1e6);
            } catch (Exception e) {
                process.close();
                throw new IllegalStateException(name + " did not register within 120 s; see " + dir, e);
            }
        }

        private Path nodeIni() throws Exception {
            return Files.writeString(dir.resolve("node.ini"), "[circus]\nendpoint = tcp://127.0.0.1:0\n"
                    + "pubsub_endpoint = tcp://127.0.0.1:0\nstats_endpoint = tcp://127.0.0.1:0\n"
                    + "[watcher:quiet]\ncmd = sleep 100000\n");
        }

        private static Path archive(String suffix) {
            String jar = AGENT_JAR.getFileName().toString();
            return AGENT_JAR.resolveSibling(jar.substring(0, jar.length() - ".jar".length()) + suffix);
        }
    }

    /** Every process's footprint over the same idle window. */
    private static Footprint[] idleTogether(Launched[] processes) throws Exception {
        Footprint[] out = new Footprint[processes.length];
        Thread[] threads = new Thread[processes.length];
        Exception[] failure = new Exception[1];
        for (int i = 0; i < processes.length; i++) {
            int k = i;
            threads[i] = new Thread(() -> {
                try {
                    out[k] = processes[k].idle(WINDOW.toMillis());
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "bench-footprint-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return out;
    }

    private static void startRows(BenchReport report, List<Start> agent, List<Start> plain, double listing,
            double dumping) {
        double[] warm = millis(agent);
        double[] bare = millis(plain);
        String how = STARTS + " starts of scripts/circusmeta-register, each stopped (SIGTERM) before the next; from the"
                + " launcher's start to its znode's creation, as a watcher in this JVM sees it (all " + list(warm) + " ms)";
        report.compare("agent: start -> registered, p50", median(warm), median(bare), "ms", "java -jar, no JVM option",
                how + "; the peer: " + list(bare) + " ms");
        report.row("agent: start -> registered, max", BenchReport.format(max(warm), "ms"), "1,000 ms (goal)",
                BenchReport.ratio(max(warm), 1_000), "as above, with the class-data archive the first two starts made");
        report.row("agent: first start after a build, / the second", BenchReport.format(listing, "ms") + " / "
                + BenchReport.format(dumping, "ms"), "", "", "the first lists the classes it loads; the second dumps them"
                        + " into circusmeta-register.jsa before it runs (once after each build or upgrade)");
    }

    private static void agentRows(BenchReport report, Footprint agent, Footprint plain) {
        String idle = "after " + SETTLE.toSeconds() + " s registered, over " + WINDOW.toSeconds()
                + " s: asking circusd 'globaloptions' every second, following one quiet file";
        report.compare("agent RSS, idle", agent.rss() / MIB, plain.rss() / MIB, "MiB", "java -jar, no JVM option",
                "VmRSS " + idle + "; goal 48 MiB; of which not backed by a file (RssAnon): " + BenchReport.format(
                        agent.anonymous() / MIB, "MiB") + " (java -jar: " + BenchReport.format(plain.anonymous() / MIB, "MiB")
                        + "), the rest the JVM's library and the class-data archive, shared");
        report.row("agent RSS, idle, against its goal", BenchReport.format(agent.rss() / MIB, "MiB"), "48 MiB (goal)",
                BenchReport.ratio(agent.rss() / MIB, 48), "as above");
        report.compare("agent CPU at idle", agent.idleCpu() * 100, plain.idleCpu() * 100, "% of a core",
                "java -jar, no JVM option", "user + system time (/proc/PID/stat) " + idle + "; goal under 0.2 %");
        report.row("agent threads", agent.threads() + " / " + plain.threads(), "", "", "Threads of /proc/PID/status:"
                + " launcher / java -jar (the JVM's own, ZooKeeper's, Curator's, JeroMQ's, the socket loop, the logs)");
    }

    private static void nodeRows(BenchReport report, double startMillis, Footprint node) {
        String how = "scripts/circusmeta-node (C1 only, serial collector), registered, one quiet sleep, stats on; after "
                + SETTLE.toSeconds() + " s, over " + WINDOW.toSeconds() + " s";
        report.row("node: start -> registered", BenchReport.format(startMillis, "ms"), "", "",
                "from the launcher's start to its znode's creation");
        report.row("node RSS, idle", BenchReport.format(node.rss() / MIB, "MiB"), "", "", how + "; of which RssAnon "
                + BenchReport.format(node.anonymous() / MIB, "MiB"));
        report.row("node CPU at idle", BenchReport.format(node.idleCpu() * 100, "% of a core"), "", "",
                how + "; user + system time (/proc/PID/stat)");
        report.row("node threads", Integer.toString(node.threads()), "", "", "Threads of /proc/PID/status");
    }

    private static Start last(List<Start> starts) {
        return starts.get(starts.size() - 1);
    }

    private static double[] millis(List<Start> starts) {
        return starts.stream().mapToDouble(Start::millis).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String list(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
}
