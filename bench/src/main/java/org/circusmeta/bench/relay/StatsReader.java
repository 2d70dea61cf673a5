package org.circusmeta.bench.relay;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.circusmeta.bench.RawSockets;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The one subscriber at the end of the path: a SUB on its own thread counting messages, and for
 * topics whose last part is a send time, recording how long ago that was.
 *
 * <p>Thread-safe: its thread owns the socket; counters and the histogram are read after {@link #close()}
 * or through the atomic count.
 */
final class StatsReader implements AutoCloseable {
    private final ZContext context = new ZContext(1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final Thread thread;
    private volatile boolean recording;

    StatsReader(List<String> endpoints) {
        ZMQ.Socket socket = RawSockets.subscriber(context, "stat.", endpoints);
        thread = new Thread(() -> read(socket), "bench-reader");
        thread.start();
    }

    long received() {
        return received.get();
    }

    /** From now on, records the latency of timed messages (and forgets what it recorded before). */
    void recordLatency() {
        synchronized (latency) {
            latency.reset();
        }
        recording = true;
    }

    Histogram latency() {
        synchronized (latency) {
            return latency.copy();
        }
    }

    private void read(ZMQ.Socket socket) {
        while (running.get()) {
            byte[] topic = socket.recv();
            if (topic == null) {
                continue;
            }
            socket.recv();
            long now = System.nanoTime();
            received.incrementAndGet();
            if (recording) {
                long sent = sendTime(topic);
                if (sent > 0) {
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, Math.min(now - sent, latency.getHighestTrackableValue())));
                    }
                }
            }
        }
    }

    /** The number after the last dot, when it is a send time (samples of the blast carry a small pid). */
    private static long sendTime(byte[] topic) {
        long value = 0;
        int i = topic.length - 1;
        long scale = 1;
        while (i >= 0 && topic[i] >= '0' && topic[i] <= '9') {
            value += (topic[i] - '0') * scale;
            scale *= 10;
            i--;
        }
        return i >= 0 && topic[i] == '.' && topic.length - i > 12 ? value : -1;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        context.close();
    }
}
