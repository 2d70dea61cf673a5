package org.circusmeta.bench.relay;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.bench.BenchSuite;
import org.circusmeta.manager.aggregation.RelaySettings;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.circusmeta.registration.record.NodeRecord;

/**
 * The manager's stats relay: messages per second from N fake nodes through the relay to one
 * subscriber, and the latency it adds, each beside a raw JeroMQ PUB -> SUB path from the same
 * publishers to the same kind of subscriber, measured in the same run (the limit). The relay runs in
 * this JVM; the suite {@code scale} measures it again in a manager of its own.
 */
public final class RelaySuite implements BenchSuite {
    private static final int NODES = 10;
    private static final int[] PACED_RATES = Arrays.stream(System.getProperty("relay.rates", "10000,100000,200000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    /** Raw and relay alternate, and each figure is the median of its rounds: other work on the machine comes and goes. */
    private static final int ROUNDS = Integer.getInteger("relay.rounds", 3);

    @Override
    public void run(BenchReport report) throws Exception {
        RelayMeasurement measurement = new RelayMeasurement(NODES, PACED_RATES, ROUNDS);
        RelayMeasurement.Figures[] figures = measurement.measure(InProcessRelay::new);
        measurement.report(report, figures[0], figures[1], "StreamRelay in this JVM");
        double load = BenchReport.loadAverage();
        report.row("machine load average at the end of the run", String.format(Locale.ROOT, "%.1f", load), "", "",
                "1-minute load, other builds included: throughput falls and latency tails grow with it");
    }

    /** The manager's {@link StreamRelay}, alone in this JVM, told of one node per publisher. */
    private static final class InProcessRelay implements RelayPath {
        private final MetricRegistry metrics = new MetricRegistry();
        private final StreamRelay relay = new StreamRelay(new RelaySettings("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", 10_000,
                10_000, Duration.ofSeconds(5), 1_000, 1), metrics);

        @Override
        public List<String> open(List<String> publishers) {
            relay.start();
            for (int i = 0; i < publishers.size(); i++) {
                relay.opened(NodeRecord.of("bench-" + i, "tcp://127.0.0.1:9", Optional.empty(), Optional.of(publishers.get(i)),
                        "localhost", Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0"));
            }
            return List.of(relay.statsEndpoint());
        }

        @Override
        public long relayed() {
            return metrics.meter("circusmeta.relay.stats-relayed").getCount();
        }

        @Override
        public double relayCpuSeconds() {
            return RelayMeasurement.threadCpuSeconds("relay");
        }

        @Override
        public void close() {
            relay.close();
        }
    }
}
