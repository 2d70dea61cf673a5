package org.circusmeta.bench.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * N fake nodes' stats streams: one XPUB per node on loopback, all fed by one thread, each message a
 * per-process sample of realistic size, every eleventh a watcher aggregate (the mix circusd-stats
 * sends for 10 processes). The sockets wait instead of dropping (XPUB no-drop), so that what the
 * readers get is what the path sustains. In paced runs the pid of each topic is the send time in
 * nanoseconds, for the latency.
 *
 * <p>Confined to the thread that calls {@link #blast} and {@link #paced}, after construction.
 */
final class StatsPublishers implements AutoCloseable {
    static final byte[] SAMPLE = ("{\"mem_info1\": \"1.49M\", \"mem_info2\": \"2.44M\", \"cpu\": 0.3, \"mem\": 0.006,"
            + " \"ctime\": \"0:00.20\", \"pid\": 11483, \"username\": \"root\", \"nice\": 0, \"create_time\": 1795657688.97,"
            + " \"age\": 16.50323176383972, \"cmdline\": \"sleep\", \"children\": [], \"subtopic\": 11483, \"name\": null}")
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] AGGREGATE = ("{\"pid\": [11483, 11484, 11485, 11486, 11487, 11488, 11489, 11490, 11491, 11492],"
            + " \"cpu\": 0.3, \"mem\": 0.06, \"age\": 16.50323176383972}").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AGGREGATE_TOPIC = "stat.web".getBytes(StandardCharsets.US_ASCII);

    private final ZContext context = new ZContext(1);
    private final List<ZMQ.Socket> sockets = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();

    StatsPublishers(int nodes) {
        for (int i = 0; i < nodes; i++) {
            ZMQ.Socket socket = context.createSocket(SocketType.XPUB);
            socket.setLinger(0);
            socket.setSndHWM(10_000);
            socket.setXpubNoDrop(true);
            socket.bind("tcp://127.0.0.1:0");
            sockets.add(socket);
            endpoints.add(socket.getLastEndpoint());
        }
    }

    List<String> endpoints() {
        return endpoints;
    }

    /** Waits until every node has a subscriber (its subscription arrived). */
    void awaitSubscribers(long timeoutMillis) {
        for (ZMQ.Socket socket : sockets) {
            socket.setReceiveTimeOut((int) timeoutMillis);
            if (socket.recv() == null) {
                throw new IllegalStateException("a fake node got no subscriber within " + timeoutMillis + " ms");
            }
        }
    }

    /** Sends as fast as the readers take, for the duration; returns the messages sent. */
    long blast(long nanos) {
        long end = System.nanoTime() + nanos;
        long sent = 0;
        byte[] topic = "stat.web.11483".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < end) {
            for (int burst = 0; burst < 64; burst++) {
                ZMQ.Socket socket = sockets.get((int) (sent % sockets.size()));
                boolean aggregate = sent % 11 == 10;
                if (send(socket, aggregate ? AGGREGATE_TOPIC : topic, aggregate ? AGGREGATE : SAMPLE)) {
                    sent++;
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
        }
        return sent;
    }

    /** Sends {@code rate} messages a second, a small batch each 100 µs, each topic carrying its send time. */
    long paced(long nanos, int rate) {
        long start = System.nanoTime();
        long end = start + nanos;
        long sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return sent;
            }
            long due = (now - start) * rate / TimeUnit.SECONDS.toNanos(1);
            while (sent < due) {
                ZMQ.Socket socket = sockets.get((int) (sent % sockets.size()));
                byte[] topic = ("stat.web." + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
                while (!send(socket, topic, SAMPLE)) {
                    LockSupport.parkNanos(20_000);
                }
                sent++;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static boolean send(ZMQ.Socket socket, byte[] topic, byte[] body) {
        if (!socket.sendMore(topic)) {
            return false;
        }
        // Only a message's first frame can be refused.
        socket.send(body, 0);
        return true;
    }

    @Override
    public void close() {
        context.close();
    }
}
