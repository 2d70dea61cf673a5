package org.circusmeta.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.bench.RawSockets;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The manager's events socket, read on a thread of its own: when each watcher's process was spawned,
 * and on which node ({@code watcher.NODE:WATCHER.spawn}, as the nodes publish it and the manager
 * relays it). The arrival time of the relayed event is the time the watcher runs, as far as anyone
 * using the cluster can tell.
 *
 * <p>Thread-safe.
 */
final class SpawnWatch implements AutoCloseable {
    /** A watcher's spawn: where and when (arrival, nanoTime). */
    record Spawn(String node, long nanos) {}

    private final ZContext context = new ZContext(1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Spawn> last = new HashMap<>();
    private final Thread thread;

    SpawnWatch(String pubsubEndpoint) {
        ZMQ.Socket socket = RawSockets.subscriber(context, "watcher.", List.of(pubsubEndpoint));
        thread = new Thread(() -> read(socket), "bench-spawns");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(ZMQ.Socket socket) {
        while (running.get()) {
            byte[] topicBytes = socket.recv();
            if (topicBytes == null) {
                continue;
            }
            while (socket.hasReceiveMore()) {
                socket.recv();
            }
            long now = System.nanoTime();
            String topic = new String(topicBytes, StandardCharsets.UTF_8);
            int colon = topic.indexOf(':');
            int dot = topic.lastIndexOf('.');
            if (topic.endsWith(".spawn") && colon > 0 && dot > colon) {
                synchronized (last) {
                    last.put(topic.substring(colon + 1, dot), new Spawn(topic.substring("watcher.".length(), colon), now));
                    last.notifyAll();
                }
            }
        }
    }

    /** Waits until every named watcher has been spawned on a node other than {@code notOn}, after {@code since}. */
    Map<String, Spawn> await(Set<String> watchers, String notOn, long since, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        synchronized (last) {
            while (true) {
                Map<String, Spawn> found = new HashMap<>();
                for (String w : watchers) {
                    Spawn s = last.get(w);
                    if (s != null && s.nanos() >= since && !s.node().equals(notOn)) {
                        found.put(w, s);
                    }
                }
                if (found.size() == watchers.size()) {
                    return found;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(found.size() + " of " + watchers.size() + " watchers spawned within "
                            + timeoutSeconds + " s");
                }
                last.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        context.close();
    }
}
