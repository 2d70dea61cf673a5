package org.circusmeta.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The protocol client against its limit: round-trip latency and pipelined throughput of
 * {@link CircusClient} and of a raw JeroMQ DEALER, side by side in one run, both against the same
 * {@link EchoPeer} on loopback. Latency rounds alternate between the two so that load from elsewhere
 * on the machine hits both alike.
 */
public final class ProtocolBench implements BenchSuite {
    private static final int WARMUP_CALLS = 40_000;
    private static final int ROUNDS = 30;
    private static final int CALLS_PER_ROUND = 2_000;
    private static final int WINDOW = 1_000;
    private static final Duration THROUGHPUT_WARMUP = Duration.ofSeconds(2);
    private static final Duration THROUGHPUT_RUN = Duration.ofSeconds(4);
    private static final Request REQUEST = Request.of("status").with("name", "sleeper");
    private static final byte[] RAW_FRAME = REQUEST.withId("4a15947218e644298598586c9816d6cd").toBytes();

    @Override
    public void run(BenchReport report) throws Exception {
        double loadBefore = BenchReport.loadAverage();
        try (EchoPeer peer = new EchoPeer()) {
            String endpoint = peer.start();
            try (SocketLoop loop = new SocketLoop("bench-loop");
                    ZContext rawContext = new ZContext(1)) {
                loop.start();
                CircusClient client = new CircusClient(loop, endpoint);
                client.start();
                ZMQ.Socket raw = rawDealer(rawContext, endpoint);
                latency(report, client, raw);
                throughput(report, client, raw);
                client.close();
            }
        }
        report.row("machine load average, start / end of the run",
                String.format(Locale.ROOT, "%.1f / %.1f", loadBefore, BenchReport.loadAverage()), "", "",
                "1-minute load of this 2-core machine, other engineers' builds included: every figure here is"
                        + " thread hand-offs, and they wait for a free core");
    }

    private static ZMQ.Socket rawDealer(ZContext context, String endpoint) {
        ZMQ.Socket raw = context.createSocket(SocketType.DEALER);
        raw.setLinger(0);
        raw.setSndHWM(100_000);
        raw.setRcvHWM(100_000);
        raw.connect(endpoint);
        return raw;
    }

    private static void latency(BenchReport report, CircusClient client, ZMQ.Socket raw) {
        Histogram clientHist = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram rawHist = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram scratch = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        clientRoundTrips(client, WARMUP_CALLS, scratch);
        rawRoundTrips(raw, WARMUP_CALLS, scratch);
        for (int round = 0; round < ROUNDS; round++) {
            clientRoundTrips(client, CALLS_PER_ROUND, clientHist);
            rawRoundTrips(raw, CALLS_PER_ROUND, rawHist);
        }
        String how = ROUNDS * CALLS_PER_ROUND + " sequential calls each after " + WARMUP_CALLS
                + " warm-up calls, rounds alternating; HdrHistogram";
        report.compare("round trip p50, CircusClient.callAndWait", micros(clientHist, 50), micros(rawHist, 50), "µs",
                "raw JeroMQ DEALER", how + "; goal: ratio ≤ 1.20");
        report.row("  client overhead above raw, p50", BenchReport.format(micros(clientHist, 50) - micros(rawHist, 50), "µs"),
                "", "", "encode, two thread hand-offs (caller to loop, loop to caller), id match, JSON parse; the caller yields its core for up to 100 µs before it parks (CircusClient.await), where the raw loop blocks in recv: a reply caught while yielding spares one wake-up");
        report.compare("round trip p99, CircusClient.callAndWait", micros(clientHist, 99), micros(rawHist, 99), "µs",
                "raw JeroMQ DEALER", how);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1_000.0;
    }

    private static void clientRoundTrips(CircusClient client, int calls, Histogram into) {
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            Reply reply = client.callAndWait(REQUEST);
            into.recordValue(System.nanoTime() - start);
            if (!reply.isOk()) {
                throw new IllegalStateException("the echo peer answered " + reply);
            }
        }
    }

    private static void rawRoundTrips(ZMQ.Socket raw, int calls, Histogram into) {
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            raw.send(RAW_FRAME);
            byte[] reply = raw.recv();
            into.recordValue(System.nanoTime() - start);
            if (reply == null || reply.length < 10) {
                throw new IllegalStateException("the echo peer answered " + new String(reply, StandardCharsets.UTF_8));
            }
        }
    }

    private static void throughput(BenchReport report, CircusClient client, ZMQ.Socket raw) throws InterruptedException {
        pipelinedClient(client, THROUGHPUT_WARMUP);
        pipelinedRaw(raw, THROUGHPUT_WARMUP);
        double clientRate = pipelinedClient(client, THROUGHPUT_RUN);
        double rawRate = pipelinedRaw(raw, THROUGHPUT_RUN);
        report.compare("pipelined throughput, CircusClient.call", clientRate, rawRate, "calls/s", "raw JeroMQ DEALER",
                WINDOW + " calls in flight from one thread for " + THROUGHPUT_RUN.toSeconds() + " s after "
                        + THROUGHPUT_WARMUP.toSeconds() + " s of warm-up; goal: ≥ 50,000 calls/s");
    }

    private static double pipelinedClient(CircusClient client, Duration duration) throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        LongAdder done = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end && failure.get() == null) {
            window.acquire();
            client.call(REQUEST).whenComplete((reply, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                done.increment();
                window.release();
            });
        }
        if (!window.tryAcquire(WINDOW, 30, TimeUnit.SECONDS) || failure.get() != null) {
            throw new IllegalStateException("pipelined calls did not all complete", failure.get());
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static double pipelinedRaw(ZMQ.Socket raw, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long received = 0;
        while (System.nanoTime() < end) {
            while (sent - received < WINDOW) {
                raw.send(RAW_FRAME);
                sent++;
            }
            raw.recv();
            received++;
        }
        while (received < sent) {
            raw.recv();
            received++;
        }
        return received / ((System.nanoTime() - start) / 1e9);
    }
}
