package org.circusmeta.protocol.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * Commands to one circusd control endpoint, as circusctl sends them: a DEALER socket connected to the
 * daemon's ROUTER, one JSON frame per request and per reply, replies matched to calls by id.
 *
 * <p><b>Deadlines.</b> Every call has one ({@link ClientOptions#timeout()} unless given). A call that
 * reaches it fails with {@link CircusTimeoutException}; its id is forgotten, and ids are never reused,
 * so a reply arriving later is dropped and counted, never taken for another call's. When a call that
 * was sent times out and nothing else is in flight, the socket is closed and opened again (the
 * lazy-pirate pattern), so that requests queued for a frozen daemon are not delivered when it thaws.
 * A timed-out command may or may not have run; it is never sent again.
 *
 * <p><b>Busy daemon.</b> A real circusd refuses a state-changing command while another one runs, with
 * errno 5 {@code arbiter is already running … command}. When {@link ClientOptions#retryBusy()} is on
 * (the default), the client sends such a call again after a short back-off that doubles (up to 8 times
 * {@link ClientOptions#busyBackoff()}), under a new id, until it gets another answer or its deadline
 * is too close for another try; the last refusal is then returned. Only that refusal is retried: the
 * daemon did not run the command, so a retry cannot run it twice.
 *
 * <p><b>Bad frames.</b> A frame that is not a JSON object, a multipart reply, or a reply whose id
 * matches no call in flight is dropped and counted in {@link #counters()}; no caller ever sees it.
 *
 * <p><b>Threading.</b> Thread-safe: call from any thread. The socket is owned by the
 * {@link SocketLoop} given to the constructor and touched only on its thread; calls reach it through
 * the loop's queue, encoded on the caller's thread. Futures complete on the loop thread, so a
 * dependent stage that may block must use an {@code …Async} method with its own executor.
 *
 * <p><b>Lifecycle.</b> The constructor does no I/O; {@link #start()} opens the socket (a second call
 * throws); {@link #close()} is idempotent, fails every pending call with {@link CircusClosedException}
 * and closes the socket. Closing the loop closes its clients too.
 */
public final class CircusClient implements AutoCloseable {
    private enum State { NEW, RUNNING, CLOSED }

    private static final Duration YIELD_BEFORE_PARKING = Duration.ofNanos(100_000);

    private final SocketLoop loop;
    private final String endpoint;
    private final ClientOptions options;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Ids ids = new Ids();
    private final CallCounters counters = new CallCounters();
    private final DealerConnection connection;
    private final Runnable closeHook;

    /** A client with {@link ClientOptions#DEFAULTS}. */
    public CircusClient(SocketLoop loop, String endpoint) {
        this(loop, endpoint, ClientOptions.DEFAULTS);
    }

    /**
     * @param endpoint the daemon's control endpoint, {@code tcp://HOST:PORT} or {@code ipc://PATH}
     * @throws IllegalArgumentException when the endpoint is not of that form
     */
    public CircusClient(SocketLoop loop, String endpoint, ClientOptions options) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.endpoint = Endpoint.parse(endpoint).toString();
        this.options = Objects.requireNonNull(options, "options");
        this.connection = new DealerConnection(loop, this.endpoint, options, ids, counters);
        this.closeHook = () -> connection.close(this::closed, false);
    }

    /**
     * Opens the socket on the loop thread and returns once it is connecting (no daemon needs to be
     * listening yet: calls wait for it until their deadline).
     *
     * @throws IllegalStateException on a second call, or when the loop is not started
     * @throws CircusException when the socket cannot be opened
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("client for " + endpoint + " was already started");
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

    /** The daemon's control endpoint, normalised. */
    public String endpoint() {
        return endpoint;
    }

    public ClientOptions options() {
        return options;
    }

    /** Sends a request and completes with the daemon's reply, within the default deadline. */
    public CompletableFuture<Reply> call(Request request) {
        return call(request, options.timeout());
    }

    /**
     * Sends a request (under a fresh id; the request's own id is ignored) and completes with the
     * daemon's reply: an error reply is a reply, not an exception. Completes exceptionally with
     * {@link CircusTimeoutException} at the deadline and {@link CircusClosedException} when the client
     * or its loop closes first. Busy refusals are retried as the class comment says.
     */
    public CompletableFuture<Reply> call(Request request, Duration timeout) {
        return submit(request, timeout, true);
    }

    /**
     * Sends a request as a cast ({@code msg_type: "cast"}): the daemon runs it and never answers, not
     * even on error. The future completes once the request is handed to ZeroMQ, or fails with
     * {@link CircusTimeoutException} if it could not be within the default deadline (no daemon
     * connected).
     */
    public CompletableFuture<Void> cast(Request request) {
        return submit(request.asCast(), options.timeout(), false).thenApply(r -> null);
    }

    /**
     * Blocking convenience over {@link #call(Request, Duration)}.
     *
     * @throws CircusTimeoutException at the deadline
     * @throws CircusClosedException when the client closes first
     */
    public Reply callAndWait(Request request, Duration timeout) {
        return await(call(request, timeout));
    }

    /** Blocking convenience over {@link #call(Request)}, with the default deadline. */
    public Reply callAndWait(Request request) {
        return callAndWait(request, options.timeout());
    }

    /** What the client has seen since it started. */
    public ClientCounters counters() {
        return counters.snapshot();
    }

    /** Calls sent or waiting to be sent that expect a reply and have none yet. */
    public int inFlight() {
        return connection.inFlightCount();
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        try {
            loop.execute(() -> {
                loop.removeOnClose(closeHook);
                connection.close(this::closed, true);
            });
        } catch (CircusClosedException e) {
            // The loop has shut down: its close hook failed the pending calls and closed the socket.
        }
    }

    private CompletableFuture<Reply> submit(Request request, Duration timeout, boolean expectsReply) {
        Objects.requireNonNull(request, "request");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a call needs a positive timeout, got " + timeout);
        }
        if (state.get() != State.RUNNING) {
            return CompletableFuture.failedFuture(closed());
        }
        Call call = new Call(request, timeout, expectsReply, ids.next());
        try {
            loop.execute(() -> enqueue(call));
        } catch (CircusClosedException e) {
            call.future.completeExceptionally(closed());
        }
        return call.future;
    }

    private void enqueue(Call call) {
        if (!connection.isOpen() || state.get() != State.RUNNING) {
            call.future.completeExceptionally(closed());
            return;
        }
        connection.send(call);
    }

    private CircusClosedException closed() {
        return new CircusClosedException(state.get() == State.NEW
                ? "client for " + endpoint + " was not started: call start() first"
                : "client for " + endpoint + " is closed");
    }

    /**
     * Waits for a call's future. A daemon on this host or the next answers quickly (docs/benchmarks.md):
     * the caller first yields its core for up to {@link #YIELD_BEFORE_PARKING} (so that the loop and
     * ZeroMQ's threads run), and parks only when the reply is later. A reply caught while yielding spares
     * the loop the unparking of the caller, one of the two thread wake-ups a call costs over raw ZeroMQ.
     */
    private static <T> T await(CompletableFuture<T> future) {
        long until = System.nanoTime() + YIELD_BEFORE_PARKING.toNanos();
        while (!future.isDone() && System.nanoTime() - until < 0) {
            Thread.yield();
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CircusException("interrupted while waiting for circusd; the call may still complete", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CircusException ce) {
                throw ce;
            }
            throw new CircusException("the call failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }
}
