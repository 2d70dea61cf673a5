package org.circusmeta.bench.logs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.bench.StartedProcesses;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.logs.Follow;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogListener;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * One node's logs as one follower reads them (docs/logs.md): lines per second from a process that
 * prints as fast as it can, against the same process read straight from its pipe; a tail's round
 * trip against a {@code status} call's on the same node; and how long a line of a quiet process
 * takes from its write to the follower.
 */
public final class LogsSuite implements BenchSuite {
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "logs_endpoint = tcp://127.0.0.1:0\n";
    private static final int LINES = 2_000_000;
    /** 100-byte lines, numbered. */
    private static final String FLOOD = "seq -f '%010.0f " + "x".repeat(88) + "' 1 " + LINES;
    private static final int TAILS = 5_000;
    private static final int QUIET_LINES = 200;

    @Override
    public void run(BenchReport report) throws Exception {
        double loadBefore = BenchReport.loadAverage();
        Path dir = Files.createTempDirectory("bench-logs");
        Path flood = dir.resolve("flood.sh");
        Files.writeString(flood, FLOOD + "\nsleep 100000\n", StandardCharsets.UTF_8);
        Path quiet = dir.resolve("quiet.sh");
        Files.writeString(quiet, "i=0; while [ $i -lt " + QUIET_LINES + " ]; do i=$((i+1)); date +%s%N; sleep 0.05; done\n"
                + "sleep 100000\n", StandardCharsets.UTF_8);
        try (NodeHost host = NodeHost.start("bench-logs-node"); SocketLoop clients = new SocketLoop("bench-logs-clients")) {
            clients.start();
            CircusNode node = StartedProcesses.closeOnExit(new CircusNode(NodeConfig.parse(CIRCUS
                    + "[watcher:flood]\ncmd = /bin/sh " + flood
                    + "\nautostart = false\n[watcher:quiet]\ncmd = /bin/sh " + quiet + "\nautostart = false\n", "bench.ini"),
                    host));
            node.start();
            try (LogsClient logs = new LogsClient(clients, node.logsEndpoint());
                    CircusClient control = new CircusClient(clients, node.endpoint())) {
                logs.start();
                control.start();
                throughput(report, logs, control, flood);
                tailLatency(report, logs, control);
                lineLatency(report, logs, control);
            } finally {
                node.close();
                StartedProcesses.closed(node);
            }
        }
        pumpCpu(report);
        report.row("machine load average, start / end of the run",
                String.format(Locale.ROOT, "%.1f / %.1f", loadBefore, BenchReport.loadAverage()), "", "",
                "1-minute load of this 2-core machine, other engineers' builds included");
    }

    private static void throughput(BenchReport report, LogsClient logs, CircusClient control, Path flood) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        CompletableFuture<Long> last = new CompletableFuture<>();
        LogListener listener = new LogListener() {
            @Override
            public void onLines(List<LogLine> lines) {
                firstAt.compareAndSet(0, System.nanoTime());
                received.addAndGet(lines.size());
                if (lines.get(lines.size() - 1).line().startsWith(String.format(Locale.ROOT, "%010d ", LINES))) {
                    last.complete(System.nanoTime());
                }
            }

            @Override
            public void onLost(String watcher, long count) {
                lost.addAndGet(count);
            }
        };
        try (Follow f = logs.follow(LogQuery.of("flood", 0), listener)) {
            awaitServed(f);
            control.callAndWait(Request.of("start", java.util.Map.of("name", "flood", "waiting", true)));
            long end = last.get(120, TimeUnit.SECONDS);
            double seconds = (end - firstAt.get()) / 1e9;
            double rate = received.get() / seconds;
            double raw = rawPipe(flood);
            report.compare("lines/s one node serves to one follower", rate, raw, "lines/s",
                    "the same process read straight from its pipe",
                    String.format(Locale.ROOT, "%,d lines of 100 bytes printed as fast as seq can; the follower a LogsClient "
                            + "in the same JVM; first to last line received; %,d received, %,d reported lost", LINES,
                            received.get(), lost.get()));
        }
    }

    /** Lines per second of the same command read by this JVM from the pipe, nothing else done with them. */
    private static double rawPipe(Path flood) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", FLOOD).redirectErrorStream(true).start();
        long start = System.nanoTime();
        long n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                n++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        p.waitFor(10, TimeUnit.SECONDS);
        return n / seconds;
    }

    private static void tailLatency(BenchReport report, LogsClient logs, CircusClient control) {
        Histogram tails = new Histogram(3);
        Histogram status = new Histogram(3);
        LogQuery q = LogQuery.of("flood", 100);
        Request s = Request.of("status", java.util.Map.of("name", "flood"));
        for (int i = 0; i < TAILS / 5; i++) {
            logs.tail(q, Duration.ofSeconds(10)).join();
            control.callAndWait(s);
        }
        for (int i = 0; i < TAILS; i++) {
            long t0 = System.nanoTime();
            logs.tail(q, Duration.ofSeconds(10)).join();
            long t1 = System.nanoTime();
            control.callAndWait(s);
            long t2 = System.nanoTime();
            tails.recordValue(t1 - t0);
            status.recordValue(t2 - t1);
        }
        report.compare("tail of 100 lines (of 1,000 kept), round trip p50", BenchReport.millis(tails, 50),
                BenchReport.millis(status, 50), "ms", "a 'status' call to the same node, p50",
                "5,000 sequential tails, each followed by a status call; 100-byte lines; client in the same JVM");
        report.compare("tail of 100 lines, round trip p99", BenchReport.millis(tails, 99), BenchReport.millis(status, 99),
                "ms", "'status' p99", "as above");
    }

    private static void lineLatency(BenchReport report, LogsClient logs, CircusClient control) throws Exception {
        Histogram latency = new Histogram(3);
        CompletableFuture<Void> done = new CompletableFuture<>();
        LogListener listener = lines -> {
            long now = System.currentTimeMillis() * 1_000_000L;
            for (LogLine l : lines) {
                latency.recordValue(Math.max(0, now - Long.parseLong(l.line().strip())));
            }
            if (latency.getTotalCount() >= QUIET_LINES) {
                done.complete(null);
            }
        };
        try (Follow f = logs.follow(LogQuery.of("quiet", 0), listener)) {
            awaitServed(f);
            control.callAndWait(Request.of("start", java.util.Map.of("name", "quiet", "waiting", true)));
            done.get(120, TimeUnit.SECONDS);
        }
        report.compare("a quiet process's line, write to follower, p50", BenchReport.millis(latency, 50), 100, "ms",
                "the pump's longest look at a quiet pipe", String.format(Locale.ROOT, "%d lines, one every 50 ms, each "
                        + "the wall clock at its write (date +%%s%%N), read at the follower (ms resolution)", QUIET_LINES));
        report.compare("a quiet process's line, write to follower, p99", BenchReport.millis(latency, 99), 100, "ms",
                "as above", "as above");
    }

    /** What reading the pipes of 100 quiet processes costs: the CPU of the host's output pump thread alone. */
    private static void pumpCpu(BenchReport report) throws Exception {
        try (NodeHost host = NodeHost.start("bench-pump")) {
            CircusNode node = StartedProcesses.closeOnExit(new CircusNode(NodeConfig.parse(CIRCUS
                    + "[watcher:sleepers]\ncmd = sleep 100005\n"
                    + "numprocesses = 100\n", "pump.ini"), host));
            node.start();
            try {
                TimeUnit.SECONDS.sleep(10);
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long id = java.util.Arrays.stream(threads.dumpAllThreads(false, false))
                        .filter(t -> t.getThreadName().equals("bench-pump-output")).findFirst().orElseThrow().getThreadId();
                long cpu = threads.getThreadCpuTime(id);
                long start = System.nanoTime();
                TimeUnit.SECONDS.sleep(30);
                double percent = (threads.getThreadCpuTime(id) - cpu) * 100.0 / (System.nanoTime() - start);
                report.compare("CPU of the output pump, 100 quiet processes (200 pipes)", percent, 2.0, "% of a core",
                        "the node's goal for supervising 100 processes, all of it", "the pump thread's own CPU time "
                                + "(ThreadMXBean) over 30 s after 10 s; it looks at each quiet pipe every 200 ms here");
            } finally {
                node.close();
                StartedProcesses.closed(node);
            }
        }
    }

    private static void awaitServed(Follow f) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!f.isServed()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the follow was not served within 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
