package org.circusmeta.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.circusmeta.protocol.logs.CapturedLine;
import org.circusmeta.protocol.logs.LogsEndpoint;

/**
 * Hands lines to many logs endpoints at a steady total rate, spread evenly over them, every 5 ms: what
 * the watchers of many nodes print, without their processes.
 *
 * <p>Runs on a thread of its own; {@link #close()} stops it.
 */
final class LinePump implements AutoCloseable {
    private final List<LogsEndpoint> endpoints;
    private final String watcher;
    private final int rate;
    private final Thread thread;
    private volatile boolean running = true;

    private LinePump(List<LogsEndpoint> endpoints, String watcher, int rate) {
        this.endpoints = endpoints;
        this.watcher = watcher;
        this.rate = rate;
        this.thread = new Thread(this::pump, "bench-logs-pump");
        thread.setDaemon(true);
    }

    static LinePump start(List<LogsEndpoint> endpoints, String watcher, int rate) {
        LinePump pump = new LinePump(endpoints, watcher, rate);
        pump.thread.start();
        return pump;
    }

    private void pump() {
        long start = System.nanoTime();
        long sent = 0;
        long[] seq = new long[endpoints.size()];
        int next = 0;
        while (running) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate) - sent;
            List<List<CapturedLine>> batches = new ArrayList<>();
            endpoints.forEach(e -> batches.add(new ArrayList<>()));
            for (long i = 0; i < due; i++) {
                batches.get(next).add(ClusterLogsSuite.line(++seq[next]));
                next = (next + 1) % endpoints.size();
            }
            for (int n = 0; n < endpoints.size(); n++) {
                endpoints.get(n).append(watcher, batches.get(n));
            }
            sent += Math.max(0, due);
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
