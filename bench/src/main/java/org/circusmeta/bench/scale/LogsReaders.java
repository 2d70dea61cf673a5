package org.circusmeta.bench.scale;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.client.LogFollow;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.protocol.logs.Follow;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogListener;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * The two readers of a pumped watcher: one follower through the manager ({@code GET /api/logs?follow=true},
 * every node), one straight from node 0's endpoint; each line's latency is now less the time in its text.
 *
 * <p>Thread-safe: the manager's stream is read on a thread of its own, the direct follow on its loop.
 */
final class LogsReaders implements AutoCloseable {
    /** One window: lines/s through the manager, and the latencies of both readers, in ms. */
    record Window(double managerRate, double managerP50, double managerP99, double directP50, double directP99,
            boolean dropped) {}

    private final Recorder viaManager = new Recorder(3);
    private final Recorder direct = new Recorder(3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final LogFollow stream;
    private final LogsClient client;
    private final Thread reader;
    private Follow follow;
    private long windowStart = System.nanoTime();
    private long receivedAtStart;

    private LogsReaders(LogFollow stream, LogsClient client) {
        this.stream = stream;
        this.client = client;
        this.reader = new Thread(this::read, "bench-logs-follower");
        reader.setDaemon(true);
    }

    static LogsReaders open(ManagerClient api, SocketLoop loop, LogsEndpoint node0, String watcher) {
        LogsReaders readers = new LogsReaders(api.followLogs(watcher, Optional.empty(), Optional.empty()),
                new LogsClient(loop, node0.boundEndpoint()));
        readers.client.start();
        readers.follow = readers.client.follow(LogQuery.of(watcher, 0), new LogListener() {
            @Override
            public void onLines(List<LogLine> lines) {
                long now = System.nanoTime();
                lines.forEach(l -> readers.direct.recordValue(Math.max(0, now - sentAt(l.line()))));
            }
        });
        readers.reader.start();
        return readers;
    }

    private static long sentAt(String text) {
        return Long.parseLong(text.substring(0, text.indexOf(' ')));
    }

    private void read() {
        try {
            for (Optional<LogFollow.Item> item = stream.next(); item.isPresent(); item = stream.next()) {
                if (item.get() instanceof LogFollow.Line l) {
                    viaManager.recordValue(Math.max(0, System.nanoTime() - sentAt(l.line().line())));
                    received.incrementAndGet();
                } else if (item.get() instanceof LogFollow.End) {
                    dropped.set(true);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The stream was closed, or broke: the figures say what came before.
        }
    }

    /** Starts a new window. */
    synchronized void reset() {
        viaManager.getIntervalHistogram();
        direct.getIntervalHistogram();
        windowStart = System.nanoTime();
        receivedAtStart = received.get();
    }

    /** What came since {@link #reset()}. */
    synchronized Window window() {
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        Histogram m = viaManager.getIntervalHistogram();
        Histogram d = direct.getIntervalHistogram();
        return new Window((received.get() - receivedAtStart) / seconds, BenchReport.millis(m, 50), BenchReport.millis(m, 99),
                BenchReport.millis(d, 50), BenchReport.millis(d, 99), dropped.get());
    }

    @Override
    public void close() throws InterruptedException {
        stream.close();
        follow.close();
        client.close();
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }
}
