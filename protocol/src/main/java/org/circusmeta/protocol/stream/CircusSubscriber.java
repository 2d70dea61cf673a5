package org.circusmeta.protocol.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.loop.FramePairs;
import org.circusmeta.protocol.loop.LoopSocket;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Reads one circusd stream (pubsub or stats) through a SUB socket: every two-frame
 * {@code [topic, body]} message whose topic starts with one of the prefixes goes to the listener.
 * {@link #events} and {@link #stats} give typed messages; the raw constructor gives the bytes as they
 * came, for relaying without re-encoding.
 *
 * <p>A message with another frame count, or that the listener rejects with
 * {@link MalformedMessageException}, is dropped and counted as malformed; a listener that throws
 * anything else is logged and counted, and the subscriber goes on. A subscriber never stops reading
 * because of one message.
 *
 * <p>Threading: thread-safe. The socket lives on the given {@link SocketLoop}; the listener runs on
 * that loop's thread and must not block. ZeroMQ reconnects by itself when the publisher restarts;
 * messages published while disconnected are lost (that is what PUB/SUB does).
 *
 * <p>Lifecycle: no I/O in the constructor; {@link #start()} connects (a second call throws);
 * {@link #close()} is idempotent.
 */
public final class CircusSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CircusSubscriber.class);
    private static final int DEFAULT_HWM = 10_000;

    /** Receives each message on the loop thread. Throw {@link MalformedMessageException} to reject one. */
    @FunctionalInterface
    public interface Listener {
        void onMessage(String topic, byte[] body);
    }

    private final String endpoint;
    private final Listener listener;
    private final LoopSocket socket;
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder failures = new LongAdder();

    public CircusSubscriber(SocketLoop loop, String endpoint, List<String> prefixes, Listener listener) {
        this(loop, endpoint, prefixes, listener, DEFAULT_HWM);
    }

    /**
     * @param prefixes topic prefixes to subscribe to; an empty string subscribes to everything
     * @param highWaterMark messages ZeroMQ queues for this subscriber before it drops new ones
     */
    public CircusSubscriber(SocketLoop loop, String endpoint, List<String> prefixes, Listener listener, int highWaterMark) {
        this(loop, endpoint, prefixes, listener, highWaterMark, -1);
    }

    /**
     * As above, reading no message over {@code maxMessageSize} bytes: ZeroMQ drops the connection on a bigger
     * one before it is read (so it never reaches the heap), and the stream stays silent until the subscriber
     * is opened again; -1 for no bound.
     */
    public CircusSubscriber(SocketLoop loop, String endpoint, List<String> prefixes, Listener listener, int highWaterMark,
            long maxMessageSize) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("a subscriber needs at least one topic prefix (\"\" for all)");
        }
        if (highWaterMark < 1) {
            throw new IllegalArgumentException("the high-water mark must be at least 1, got " + highWaterMark);
        }
        Endpoint publisher = Endpoint.parse(endpoint);
        this.endpoint = publisher.toString();
        this.listener = Objects.requireNonNull(listener, "listener");
        List<String> topics = List.copyOf(prefixes);
        this.socket = LoopSocket.connecting(Objects.requireNonNull(loop, "loop"), SocketType.SUB, publisher,
                "the subscriber to " + publisher, s -> {
                    s.setMaxMsgSize(maxMessageSize);
                    subscribe(s, topics, highWaterMark);
                });
    }

    /** Typed events of a pubsub endpoint ({@code watcher.} topics). */
    public static CircusSubscriber events(SocketLoop loop, String endpoint, Consumer<WatcherEvent> listener) {
        return new CircusSubscriber(loop, endpoint, List.of(WatcherEvent.PREFIX),
                (topic, body) -> listener.accept(WatcherEvent.parse(topic, body)));
    }

    /** Typed samples of a stats endpoint ({@code stat.} topics). */
    public static CircusSubscriber stats(SocketLoop loop, String endpoint, Consumer<StatsSample> listener) {
        return new CircusSubscriber(loop, endpoint, List.of(StatsSample.PREFIX),
                (topic, body) -> listener.accept(StatsSample.parse(topic, body)));
    }

    /**
     * Connects on the loop thread and returns once the subscription is in place (no publisher needs
     * to be up yet: ZeroMQ connects when it comes).
     *
     * @throws IllegalStateException on a second call, or when the loop is not started
     * @throws CircusException when the socket cannot be opened
     */
    public void start() {
        socket.start(new FramePairs((topic, body) -> deliver(new String(topic, StandardCharsets.UTF_8), body),
                this::reject));
    }

    /** The publisher's endpoint, normalised. */
    public String endpoint() {
        return endpoint;
    }

    /** What the subscriber has seen since it started. */
    public StreamCounters counters() {
        return new StreamCounters(received.sum(), malformed.sum(), failures.sum());
    }

    @Override
    public void close() {
        socket.close();
    }

    private static void subscribe(ZMQ.Socket s, List<String> prefixes, int highWaterMark) {
        s.setRcvHWM(highWaterMark);
        s.setReconnectIVL(100);
        s.setReconnectIVLMax(1_000);
        // JeroMQ 0.6.0 now and then never starts the handshake of a fresh connection (jeromq
        // PR 1022); with the default 30 s handshake timer the stream would stay silent that long.
        s.setHandshakeIvl(1_000);
        for (String prefix : prefixes) {
            s.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void deliver(String topic, byte[] body) {
        try {
            listener.onMessage(topic, body);
            received.increment();
        } catch (MalformedMessageException e) {
            reject(e.getMessage());
        } catch (RuntimeException e) {
            failures.increment();
            if (failures.sum() == 1) {
                LOG.warn("{}: the listener failed on topic {}; the message is dropped and the stream goes on", endpoint, topic, e);
            } else {
                LOG.debug("{}: the listener failed on topic {}", endpoint, topic, e);
            }
        }
    }

    private void reject(String what) {
        malformed.increment();
        if (malformed.sum() == 1) {
            LOG.warn("{}: dropped a malformed message ({}); further ones are counted, not logged", endpoint, what);
        } else {
            LOG.debug("{}: dropped a malformed message ({})", endpoint, what);
        }
    }
}
