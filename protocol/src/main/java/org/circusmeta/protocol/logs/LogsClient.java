package org.circusmeta.protocol.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * The client side of the logs protocol (docs/logs.md) for one server (a node's
 * {@code logs_endpoint}): {@link #tail} with a deadline, {@link #follow} with a listener, {@link #info}.
 * One DEALER socket on the given {@link SocketLoop}; one loop serves the clients of a thousand nodes,
 * so a process that follows a whole cluster needs a few threads, not one per node.
 *
 * <pre>{@code
 * LogsClient client = new LogsClient(loop, record.logsEndpoint().get(), record.name());
 * client.start();
 * Tail tail = client.tail(LogQuery.of("web", 50), Duration.ofSeconds(5)).join();
 * Follow follow = client.follow(LogQuery.of("web", 50), lines -> relay(lines));
 * ...
 * follow.close();
 * client.close();
 * }</pre>
 *
 * <p>Deadlines: every tail and info has one; past it, the future fails with
 * {@link CircusTimeoutException}. Until then the request is sent again every second (every request
 * of the protocol may be repeated), so a connection that was not up yet, or broke, costs a second,
 * not the call. A follow renews itself and never gives up while open: when the server is silent or
 * refuses, its listener is told ({@link LogListener#onProblem}) and told again when it is served.
 *
 * <p>Bad input: a message that is not a JSON object of the protocol's version, or that matches no
 * request or follow, is dropped and counted; a message above 16 MiB is dropped by ZeroMQ.
 *
 * <p>Threading: thread-safe. Futures complete, and listeners run, on the loop thread: they must not
 * block. Lifecycle: no I/O in the constructor; {@link #start()} opens the socket (a second call
 * throws; no server needs to be up); {@link #close()} is idempotent, fails what is pending with
 * {@link CircusClosedException}, ends every follow and closes the socket. Closing the loop closes its
 * clients too.
 */
public final class LogsClient implements AutoCloseable {
    /**
     * What the client has seen since it started.
     *
     * @param received messages of the protocol received
     * @param malformed messages dropped because they were not of the protocol
     * @param unmatched replies and pushes for no request or follow in flight (late, or not ours)
     * @param lost lines that follows reported lost
     * @param listenerFailures listener calls that threw
     */
    public record Counters(long received, long malformed, long unmatched, long lost, long listenerFailures) {}

    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final String endpoint;
    private final Optional<String> node;
    private final LogsConnection connection;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicLong follows = new AtomicLong();
    private final Runnable closeHook;

    /** A client whose lines carry no node name. */
    public LogsClient(SocketLoop loop, String endpoint) {
        this(loop, endpoint, Optional.empty());
    }

    /** A client whose lines carry {@code node} as their node. */
    public LogsClient(SocketLoop loop, String endpoint, String node) {
        this(loop, endpoint, Optional.of(node));
    }

    private LogsClient(SocketLoop loop, String endpoint, Optional<String> node) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.endpoint = Endpoint.parse(endpoint).toString();
        this.node = node;
        this.connection = new LogsConnection(loop, this.endpoint);
        this.closeHook = () -> connection.close(this::closed, false);
    }

    /**
     * Opens the socket on the loop thread.
     *
     * @throws IllegalStateException on a second call, or when the loop is not started
     * @throws CircusException when the socket cannot be opened
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("logs client for " + endpoint + " was already started");
        }
        try {
            loop.runAndWait(() -> {
                connection.open();
                loop.onClose(closeHook);
            });
        } catch (RuntimeException e) {
            state.set(State.CLOSED);
            throw e;
        }
    }

    /** The server's endpoint, normalised. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The newest kept lines the query selects ({@link LogQuery#lines()} of them), oldest first; a
     * refusal (unknown watcher, no readable output) is a {@link Tail} too.
     */
    public CompletableFuture<Tail> tail(LogQuery query, Duration timeout) {
        ObjectNode r = CircusJson.object().put("type", "tail").put("watcher", query.watcher()).put("lines", query.lines());
        query.pid().ifPresent(p -> r.put("pid", p));
        query.stream().ifPresent(s -> r.put("stream", s.wireName()));
        return call(r, timeout).thenApply(reply -> LogsDecoding.tail(query.watcher(), reply, node));
    }

    /** What the server is and which watchers it serves. */
    public CompletableFuture<LogsInfo> info(Duration timeout) {
        return call(CircusJson.object().put("type", "info"), timeout).thenApply(LogsDecoding::info);
    }

    /**
     * Follows a watcher: the listener gets the tail the query asks for ({@link LogQuery#lines()},
     * 0 for new lines only), then every new line. Returns at once.
     *
     * @throws CircusClosedException when the client is closed
     */
    public Follow follow(LogQuery query, LogListener listener) {
        requireRunning();
        Follow f = new Follow(loop, connection, "f" + follows.incrementAndGet(), query, node,
                Objects.requireNonNull(listener, "listener"));
        loop.execute(f::begin);
        return f;
    }

    public Counters counters() {
        return new Counters(connection.received.sum(), connection.malformed.sum(), connection.unmatched.sum(),
                connection.lost.sum(), connection.listenerFailures.sum());
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        loop.cleanUp(() -> {
            loop.removeOnClose(closeHook);
            connection.close(this::closed, true);
        });
    }

    private CompletableFuture<ObjectNode> call(ObjectNode request, Duration timeout) {
        requireRunning();
        CompletableFuture<ObjectNode> result = new CompletableFuture<>();
        loop.execute(() -> connection.request(request, timeout).whenComplete((reply, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(reply);
            }
        }));
        return result;
    }

    private void requireRunning() {
        if (state.get() != State.RUNNING) {
            throw state.get() == State.NEW ? new IllegalStateException("logs client for " + endpoint + " is not started")
                    : closed();
        }
    }

    private CircusClosedException closed() {
        return new CircusClosedException("the logs client for " + endpoint + " is closed");
    }
}
