package org.circusmeta.protocol.stream;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.loop.LoopSocket;
import org.circusmeta.protocol.loop.SocketLoop;
import org.zeromq.SocketType;

/**
 * A PUB socket bound at an endpoint, publishing two-frame {@code [topic, body]} messages as circusd
 * does on its pubsub and stats sockets.
 *
 * <p>A subscriber that reads too slowly loses messages once its queue holds {@code highWaterMark} of
 * them: ZeroMQ drops, per subscriber, and never blocks the publisher, so one slow reader cannot slow
 * the others or grow this process's memory beyond that bound.
 *
 * <p>Threading: thread-safe. On the loop thread {@link #publish} sends at once; from another thread it
 * is queued to the loop. Lifecycle: {@link #start()} binds and returns the endpoint actually bound
 * (port 0 becomes the port the system chose); {@link #close()} is idempotent.
 */
public final class Publisher implements AutoCloseable {
    private final SocketLoop loop;
    private final LoopSocket socket;
    private final LongAdder published = new LongAdder();

    /**
     * @param endpoint where to bind, {@code tcp://HOST:PORT} (port 0: any free port) or {@code ipc://PATH}
     * @param highWaterMark messages queued per subscriber before ZeroMQ drops new ones for it
     */
    public Publisher(SocketLoop loop, String endpoint, int highWaterMark) {
        if (highWaterMark < 1) {
            throw new IllegalArgumentException("the high-water mark must be at least 1, got " + highWaterMark);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        Endpoint at = Endpoint.parse(endpoint);
        this.socket = LoopSocket.binding(loop, SocketType.PUB, at, "the publisher at " + at,
                s -> s.setSndHWM(highWaterMark));
    }

    /**
     * Binds the socket on the loop thread.
     *
     * @return the endpoint actually bound
     * @throws CircusException when the address cannot be bound (in use, not local), saying which
     * @throws IllegalStateException on a second call, or when the loop is not started
     */
    public String start() {
        return socket.start();
    }

    /** The endpoint bound by {@link #start()}; empty before. */
    public String boundEndpoint() {
        return socket.endpoint();
    }

    /** Publishes {@code [topic, body]}; see {@link #publish(byte[], byte[])}. */
    public void publish(String topic, byte[] body) {
        publish(topic.getBytes(StandardCharsets.UTF_8), body);
    }

    /**
     * Publishes {@code [topic, body]}: at once on the loop thread, queued to it from another thread.
     * Before {@link #start()} and after {@link #close()} (of the publisher or its loop) the message is
     * dropped, as PUB drops messages nobody can receive.
     */
    public void publish(byte[] topic, byte[] body) {
        if (loop.inLoop()) {
            send(topic, body);
        } else if (socket.isRunning()) {
            try {
                loop.execute(() -> send(topic, body));
            } catch (CircusClosedException e) {
                // The loop has shut down: nobody can receive this message any more.
            }
        }
    }

    /** Messages handed to ZeroMQ (some may since have been dropped for slow subscribers). */
    public long published() {
        return published.sum();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void send(byte[] topic, byte[] body) {
        if (socket.send(topic, body)) {
            published.increment();
        }
    }
}
