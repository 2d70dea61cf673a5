package org.circusmeta.protocol.stream;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.loop.SocketLoop;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

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
    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final Endpoint endpoint;
    private final int highWaterMark;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final LongAdder published = new LongAdder();
    private volatile String bound = "";
    private ZMQ.Socket socket;

    public Publisher(SocketLoop loop, String endpoint, int highWaterMark) {
        this.loop = loop;
        this.endpoint = Endpoint.parse(endpoint);
        this.highWaterMark = highWaterMark;
    }

    /**
     * Binds the socket.
     *
     * @return the endpoint actually bound
     * @throws CircusException when the address cannot be bound (in use, not local), saying which
     */
    public String start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("publisher at " + endpoint + " was already started");
        }
        if (loop.inLoop()) {
            bind();
            return bound;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                bind();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CircusException("interrupted while binding " + endpoint, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CircusException ce ? ce : new CircusException(e.getCause().getMessage(), e.getCause());
        }
        return bound;
    }

    /** The endpoint bound by {@link #start()}; empty before. */
    public String boundEndpoint() {
        return bound;
    }

    public void publish(String topic, byte[] body) {
        publish(topic.getBytes(StandardCharsets.UTF_8), body);
    }

    public void publish(byte[] topic, byte[] body) {
        if (loop.inLoop()) {
            send(topic, body);
        } else if (state.get() == State.RUNNING) {
            loop.execute(() -> send(topic, body));
        }
    }

    /** Messages handed to ZeroMQ (some may since have been dropped for slow subscribers). */
    public long published() {
        return published.sum();
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        Runnable closing = () -> {
            if (socket != null) {
                loop.closeSocket(socket);
                socket = null;
            }
        };
        if (loop.inLoop()) {
            closing.run();
            return;
        }
        try {
            loop.execute(closing);
        } catch (CircusException e) {
            // The loop is closed already, and closed the socket with it.
        }
    }

    private void send(byte[] topic, byte[] body) {
        if (socket == null) {
            return;
        }
        socket.sendMore(topic);
        socket.send(body, ZMQ.DONTWAIT);
        published.increment();
    }

    private void bind() {
        ZMQ.Socket s = loop.openSocket(SocketType.PUB);
        try {
            s.setSndHWM(highWaterMark);
            s.bind(endpoint.bindAddress());
        } catch (RuntimeException e) {
            loop.closeSocket(s);
            throw new CircusException("could not bind " + endpoint + ": " + e.getMessage()
                    + "; is another process (another circusd?) using that address?", e);
        }
        socket = s;
        String last = s.getLastEndpoint();
        bound = last == null || last.isEmpty() ? endpoint.toString() : Endpoint.parse(last).toString();
    }
}
