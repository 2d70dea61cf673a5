package org.circusmeta.bench.relay;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.circusmeta.bench.BenchReport;

/**
 * The relay's figures on any {@link RelayPath}: N fake nodes' stats streams blasted as fast as the
 * path takes them (saturated throughput, relay CPU per message), then paced at each rate (share
 * delivered, send-to-receive latency). Rounds alternate between the straight path (the limit) and
 * the relay, and each figure is the median of its rounds: other work on the machine comes and goes.
 *
 * <p>Confined to the thread that measures.
 */
public final class RelayMeasurement {
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofMillis(300);

    private final int nodes;
    private final int[] rates;
    private final int rounds;

    /** One round of one path: saturated figures, then per paced rate the share delivered and the latency. */
    public record Figures(double delivered, double relayed, double relayCpu, double[] pacedDelivered, Histogram[] latency) {}

    public RelayMeasurement(int nodes, int[] rates, int rounds) {
        this.nodes = nodes;
        this.rates = rates.clone();
        this.rounds = rounds;
    }

    /** Rounds of the straight path and of the relay, alternating; their medians, straight first. */
    public Figures[] measure(Supplier<RelayPath> relay) throws Exception {
        List<Figures> raws = new ArrayList<>();
        List<Figures> relays = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            raws.add(measure(RelayPath.straight()));
            relays.add(measure(relay.get()));
        }
        return new Figures[] {median(raws), median(relays)};
    }

    /** The rows: delivered at each rate, saturated, relay CPU, latency at each rate, beside the straight path. */
    public void report(BenchReport report, Figures raw, Figures relay, String where) {
        String how = String.format(Locale.ROOT, "%s; %d nodes, ~300-byte samples, %d s after %d s; median of %d rounds,"
                + " raw and relay alternating", where, nodes, WINDOW.toSeconds(), WARM_UP.toSeconds(), rounds);
        for (int i = 0; i < rates.length; i++) {
            report.compare(String.format(Locale.ROOT, "delivered through the relay, %,d msg/s offered", rates[i]),
                    relay.pacedDelivered()[i] * rates[i], raw.pacedDelivered()[i] * rates[i], "msg/s",
                    "raw JeroMQ PUB -> SUB", how + (rates[i] == 200_000 ? "; goal: 200,000 msg/s" : ""));
        }
        report.compare("delivered through the relay, saturated", relay.delivered(), raw.delivered(), "msg/s",
                "raw JeroMQ PUB -> SUB", "publishers as fast as the path takes them (XPUB no-drop), 1 in 11 an aggregate; the"
                        + " relay republished " + BenchReport.format(relay.relayed(), "msg/s") + ", the rest dropped at the"
                        + " subscriber's high-water mark: publishers, relay and subscriber share the 2 cores");
        double cpu = relay.relayCpu() / Math.max(1, relay.relayed());
        report.row("relay CPU per message", BenchReport.format(cpu * 1e6, "µs"), "", "", String.format(Locale.ROOT,
                "threads 'relay*' (its loop and ZeroMQ I/O threads) while saturated: %,.0f msg/s per core of relay work",
                1 / cpu));
        for (int i = 0; i < rates.length; i++) {
            for (int percentile : new int[] {50, 99}) {
                double withRelay = BenchReport.millis(relay.latency()[i], percentile);
                double direct = BenchReport.millis(raw.latency()[i], percentile);
                report.compare(String.format(Locale.ROOT, "latency through the relay at %,d msg/s, p%d", rates[i],
                        percentile), withRelay, direct, "ms", "raw PUB -> SUB", String.format(Locale.ROOT, "added: %.3f ms%s;"
                        + " send to receive, paced in 100 µs batches; median of %d rounds", withRelay - direct,
                        percentile == 99 ? " (goal: under 5 ms)" : "", rounds));
            }
        }
    }

    private Figures measure(RelayPath path) throws Exception {
        try (StatsPublishers publishers = new StatsPublishers(nodes); RelayPath open = path) {
            StatsReader reader = new StatsReader(open.open(publishers.endpoints()));
            try {
                publishers.awaitSubscribers(30_000);
                while (reader.received() == 0) {
                    publishers.blast(TimeUnit.MILLISECONDS.toNanos(20));
                }
                return run(publishers, reader, open);
            } finally {
                reader.close();
            }
        }
    }

    private Figures run(StatsPublishers publishers, StatsReader reader, RelayPath path) throws Exception {
        CompletableFuture<Long> blasting = CompletableFuture.supplyAsync(
                () -> publishers.blast(WARM_UP.plus(WINDOW).toNanos()), r -> new Thread(r, "bench-publisher").start());
        Thread.sleep(WARM_UP.toMillis());
        long delivered = reader.received();
        long relayed = path.relayed();
        double cpu = path.relayCpuSeconds();
        long start = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        Figures blast = new Figures((reader.received() - delivered) / seconds, (path.relayed() - relayed) / seconds,
                (path.relayCpuSeconds() - cpu) / seconds, new double[rates.length], new Histogram[rates.length]);
        blasting.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < rates.length; i++) {
            int rate = rates[i];
            CompletableFuture<Long> paced = CompletableFuture.supplyAsync(
                    () -> publishers.paced(WARM_UP.plus(WINDOW).toNanos(), rate), r -> new Thread(r, "bench-publisher").start());
            long before = reader.received();
            Thread.sleep(WARM_UP.toMillis());
            reader.recordLatency();
            long sent = paced.get(30, TimeUnit.SECONDS);
            Thread.sleep(DRAIN.toMillis());
            blast.pacedDelivered()[i] = Math.min(1.0, (reader.received() - before) / (double) sent);
            blast.latency()[i] = reader.latency();
        }
        return blast;
    }

    /** Each figure the median over the rounds (of delivered rate; latency percentiles taken one by one). */
    private Figures median(List<Figures> all) {
        List<Figures> byRate = new ArrayList<>(all);
        byRate.sort(Comparator.comparingDouble(Figures::delivered));
        Figures middle = byRate.get(byRate.size() / 2);
        Histogram[] latency = new Histogram[rates.length];
        double[] delivered = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            int rate = i;
            delivered[i] = all.stream().mapToDouble(f -> f.pacedDelivered()[rate]).sorted().toArray()[all.size() / 2];
            List<Histogram> each = all.stream().map(f -> f.latency()[rate]).sorted(
                    Comparator.comparingLong(h -> h.getValueAtPercentile(99))).toList();
            latency[i] = each.get(each.size() / 2);
        }
        return new Figures(middle.delivered(), middle.relayed(), middle.relayCpu(), delivered, latency);
    }

    /** CPU seconds of this JVM's threads whose name starts with the prefix. */
    public static double threadCpuSeconds(String prefix) {
        var threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total / 1e9;
    }
}
