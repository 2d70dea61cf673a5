package org.circusmeta.bench.relay;

import com.codahale.metrics.MetricRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.manager.aggregation.RelaySettings;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.circusmeta.registration.record.NodeRecord;

/**
 * The manager's stats relay: messages per second from N fake nodes through the relay to one
 * subscriber, and the latency it adds, each beside a raw JeroMQ PUB -> SUB path from the same
 * publishers to the same kind of subscriber, measured in the same run (the limit).
 */
public final class RelaySuite implements BenchSuite {
    private static final int NODES = 10;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofMillis(300);
    private static final int[] PACED_RATES = Arrays.stream(System.getProperty("relay.rates", "10000,100000,200000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    /** Raw and relay alternate, and each figure is the median of its rounds: other work on the machine comes and goes. */
    private static final int ROUNDS = Integer.getInteger("relay.rounds", 3);

    /** One round of one path: saturated figures, then per paced rate the share delivered and the latency. */
    private record Figures(double delivered, double relayed, double relayCpu, double[] pacedDelivered, Histogram[] latency) {}

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        List<Figures> raws = new ArrayList<>();
        List<Figures> relays = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            raws.add(measure(false));
            relays.add(measure(true));
        }
        Figures raw = median(raws);
        Figures relay = median(relays);
        String rounds = "median of " + ROUNDS + " rounds, raw and relay alternating";
        for (int i = 0; i < PACED_RATES.length; i++) {
            report.compare(String.format(Locale.ROOT, "delivered through the relay, %,d msg/s offered", PACED_RATES[i]),
                    relay.pacedDelivered()[i] * PACED_RATES[i], raw.pacedDelivered()[i] * PACED_RATES[i], "msg/s",
                    "raw JeroMQ PUB -> SUB", String.format(Locale.ROOT, "%d nodes, ~300-byte samples, %d s after %d s; %s%s",
                            NODES, WINDOW.toSeconds(), WARM_UP.toSeconds(), rounds,
                            PACED_RATES[i] == 200_000 ? "; goal: 200,000 msg/s" : ""));
        }
        report.compare("delivered through the relay, saturated", relay.delivered(), raw.delivered(), "msg/s",
                "raw JeroMQ PUB -> SUB", "publishers as fast as the path takes them (XPUB no-drop), 1 in 11 an aggregate; the"
                        + " relay republished " + BenchReport.format(relay.relayed(), "msg/s") + ", the rest dropped at the"
                        + " subscriber's high-water mark: publishers, relay and subscriber share the 2 cores");
        double cpu = relay.relayCpu() / Math.max(1, relay.relayed());
        report.row("relay CPU per message", BenchReport.format(cpu * 1e6, "µs"), "", "", String.format(Locale.ROOT,
                "threads 'relay*' (its loop and ZeroMQ I/O threads) while saturated: %,.0f msg/s per core of relay work",
                1 / cpu));
        for (int i = 0; i < PACED_RATES.length; i++) {
            for (int percentile : new int[] {50, 99}) {
                double withRelay = ms(relay.latency()[i], percentile);
                double direct = ms(raw.latency()[i], percentile);
                report.compare(String.format(Locale.ROOT, "latency through the relay at %,d msg/s, p%d", PACED_RATES[i],
                        percentile), withRelay, direct, "ms", "raw PUB -> SUB", String.format(Locale.ROOT, "added: %.3f ms%s;"
                        + " send to receive, paced in 100 µs batches; %s", withRelay - direct,
                        percentile == 99 ? " (goal: under 5 ms)" : "", rounds));
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.row("machine load average at the end of the run", String.format(Locale.ROOT, "%.1f", load), "", "",
                "1-minute load, other builds included: throughput falls and latency tails grow with it");
    }

    private Figures measure(boolean throughRelay) throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        try (StatsPublishers publishers = new StatsPublishers(NODES);
                StreamRelay relay = new StreamRelay(new RelaySettings("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", 10_000, 10_000,
                        Duration.ofSeconds(5), 1_000, 1), metrics)) {
            List<String> readFrom = publishers.endpoints();
            if (throughRelay) {
                relay.start();
                for (int i = 0; i < NODES; i++) {
                    relay.opened(NodeRecord.of("bench-" + i, "tcp://127.0.0.1:9", Optional.empty(),
                            Optional.of(publishers.endpoints().get(i)), "localhost", Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0"));
                }
                readFrom = List.of(relay.statsEndpoint());
            }
            StatsReader reader = new StatsReader(readFrom);
            try {
                publishers.awaitSubscribers(10_000);
                while (reader.received() == 0) {
                    publishers.blast(TimeUnit.MILLISECONDS.toNanos(20));
                }
                return run(publishers, reader, metrics);
            } finally {
                reader.close();
            }
        }
    }

    private Figures run(StatsPublishers publishers, StatsReader reader, MetricRegistry metrics) throws Exception {
        CompletableFuture<Long> blasting = CompletableFuture.supplyAsync(
                () -> publishers.blast(WARM_UP.plus(WINDOW).toNanos()), r -> new Thread(r, "bench-publisher").start());
        Thread.sleep(WARM_UP.toMillis());
        long delivered = reader.received();
        long relayed = metrics.meter("circusmeta.relay.stats-relayed").getCount();
        long cpu = relayCpu();
        long start = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        Figures blast = new Figures((reader.received() - delivered) / seconds,
                (metrics.meter("circusmeta.relay.stats-relayed").getCount() - relayed) / seconds,
                (relayCpu() - cpu) / 1e9 / seconds, new double[PACED_RATES.length], new Histogram[PACED_RATES.length]);
        blasting.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < PACED_RATES.length; i++) {
            int rate = PACED_RATES[i];
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
    private static Figures median(List<Figures> rounds) {
        List<Figures> byRate = new ArrayList<>(rounds);
        byRate.sort(Comparator.comparingDouble(Figures::delivered));
        Figures middle = byRate.get(byRate.size() / 2);
        Histogram[] latency = new Histogram[PACED_RATES.length];
        double[] delivered = new double[PACED_RATES.length];
        for (int i = 0; i < PACED_RATES.length; i++) {
            int rate = i;
            delivered[i] = rounds.stream().mapToDouble(f -> f.pacedDelivered()[rate]).sorted().toArray()[rounds.size() / 2];
            List<Histogram> each = rounds.stream().map(f -> f.latency()[rate]).sorted(
                    Comparator.comparingLong(h -> h.getValueAtPercentile(99))).toList();
            latency[i] = each.get(each.size() / 2);
        }
        return new Figures(middle.delivered(), middle.relayed(), middle.relayCpu(), delivered, latency);
    }

    /** CPU time of the relay's threads (its loop and its ZeroMQ I/O thread), in nanoseconds. */
    private static long relayCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("relay")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
