package org.circusmeta.protocol.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Commands to one circusd control endpoint, as circusctl sends them: a DEALER socket connected to the
 * daemon's ROUTER, one JSON frame per request and per reply, replies matched to calls by id.
 *
 * <p><b>Deadlines.</b> Every call has one ({@link ClientOptions#timeout()} unless given). A call that
 * reaches it fails with {@link CircusTimeoutException}; its id is forgotten, so a reply arriving later
 * is dropped and counted, never taken for another call's. Each call gets a fresh random id. When a
 * call times out and nothing else is in flight, the socket is closed and opened again (the
 * lazy-pirate pattern), so that nothing queued for a silent daemon is delivered late.
 *
 * <p><b>Busy daemon.</b> A real circusd refuses a state-changing command while another one runs, with
 * errno 5 {@code arbiter is already running … command}. When {@link ClientOptions#retryBusy()} is on
 * (the default), the client sends such a call again after a short back-off that doubles, under a new
 * id, until it gets another answer or its deadline passes; the refusal itself is then returned. Only
 * that refusal is retried: the daemon did not run the command, so a retry cannot run it twice.
 *
 * <p><b>Bad frames.</b> A frame that is not a JSON object, a multipart reply, or a reply whose id
 * matches no call in flight is dropped and counted in {@link #counters()}; no caller ever sees it.
 *
 * <p><b>Threading.</b> Thread-safe: call from any thread. The socket is owned by the
 * {@link SocketLoop} given to the constructor and touched only on its thread; calls reach it through
 * the loop's queue. Futures complete on the loop thread, so a dependent stage that may block must use
 * an {@code …Async} method with its own executor.
 *
 * <p><b>Lifecycle.</b> The constructor does no I/O; {@link #start()} opens the socket (a second call
 * throws); {@link #close()} fails every pending call with {@link CircusClosedException} and closes the
 * socket. Closing the loop closes its clients too.
 */
public final class CircusClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CircusClient.class);
    private static final Duration RESEND_INTERVAL = Duration.ofMillis(2);
    private static final int READ_BUDGET = 1_000;

    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final String endpoint;
    private final ClientOptions options;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Map<String, Call> inFlight = new ConcurrentHashMap<>();
    private final Runnable closeHook = this::failEverything;

    private final LongAdder sent = new LongAdder();
    private final LongAdder replies = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder busyRetries = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder reconnects = new LongAdder();

    // Loop-thread state.
    private ZMQ.Socket socket;
    private final ArrayDeque<Call> unsent = new ArrayDeque<>();
    private SocketLoop.Timer resendTimer;
    private boolean reopenWanted;

    public CircusClient(SocketLoop loop, String endpoint) {
        this(loop, endpoint, ClientOptions.DEFAULTS);
    }

    public CircusClient(SocketLoop loop, String endpoint, ClientOptions options) {
        this.loop = loop;
        this.endpoint = Endpoint.parse(endpoint).toString();
        this.options = options;
    }

    /** Opens the socket on the loop thread and returns once it is connecting. */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("client for " + endpoint + " was already started");
        }
        if (loop.inLoop()) {
            openSocket();
            loop.onClose(closeHook);
            return;
        }
        CompletableFuture<Void> opened = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                openSocket();
                loop.onClose(closeHook);
                opened.complete(null);
            } catch (RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        join(opened);
    }

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
     * Sends a request and completes with the daemon's reply (an error reply is a reply, not an
     * exception). Completes exceptionally with {@link CircusTimeoutException} at the deadline and
     * {@link CircusClosedException} when the client closes first. Busy refusals are retried as the
     * class comment says.
     */
    public CompletableFuture<Reply> call(Request request, Duration timeout) {
        return submit(request, timeout, true);
    }

    /**
     * Sends a request as a cast ({@code msg_type: "cast"}): the daemon runs it and never answers. The
     * future completes once the request is written to the socket, or fails at the deadline if the
     * daemon could not be reached.
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
        return join(call(request, timeout));
    }

    public Reply callAndWait(Request request) {
        return callAndWait(request, options.timeout());
    }

    public ClientCounters counters() {
        return new ClientCounters(sent.sum(), replies.sum(), timeouts.sum(), busyRetries.sum(), malformed.sum(),
                unmatched.sum(), reconnects.sum());
    }

    /** Calls sent or waiting to be sent that have no answer yet. */
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous != State.RUNNING) {
            return;
        }
        try {
            loop.execute(() -> {
                loop.removeOnClose(closeHook);
                failEverything();
                if (socket != null) {
                    loop.closeSocket(socket);
                    socket = null;
                }
            });
        } catch (CircusClosedException e) {
            failEverything();
        }
    }

    private CompletableFuture<Reply> submit(Request request, Duration timeout, boolean expectsReply) {
        if (state.get() != State.RUNNING) {
            return CompletableFuture.failedFuture(new CircusClosedException(
                    state.get() == State.NEW ? "client for " + endpoint + " was not started" : "client for " + endpoint + " is closed"));
        }
        Call call = new Call(request, timeout, expectsReply);
        call.assignId(Ids.next());
        try {
            loop.execute(() -> enqueue(call));
        } catch (CircusClosedException e) {
            call.future.completeExceptionally(e);
        }
        return call.future;
    }

    private void enqueue(Call call) {
        if (socket == null || state.get() != State.RUNNING) {
            call.future.completeExceptionally(new CircusClosedException("client for " + endpoint + " is closed"));
            return;
        }
        long remaining = call.deadlineNanos - System.nanoTime();
        call.timer = loop.schedule(Duration.ofNanos(Math.max(0, remaining)), () -> expire(call));
        if (call.expectsReply) {
            inFlight.put(call.id, call);
        }
        write(call);
    }

    private void write(Call call) {
        if (!unsent.isEmpty() || !socket.send(call.frame, ZMQ.DONTWAIT)) {
            unsent.add(call);
            scheduleResend();
            return;
        }
        afterWrite(call);
    }

    private void afterWrite(Call call) {
        sent.increment();
        if (!call.expectsReply) {
            call.timer.cancel();
            call.future.complete(null);
        }
    }

    private void scheduleResend() {
        if (resendTimer == null) {
            resendTimer = loop.schedule(RESEND_INTERVAL, this::flushUnsent);
        }
    }

    private void flushUnsent() {
        resendTimer = null;
        if (socket == null) {
            return;
        }
        Call call;
        while ((call = unsent.peek()) != null) {
            if (call.future.isDone()) {
                unsent.poll();
            } else if (socket.send(call.frame, ZMQ.DONTWAIT)) {
                unsent.poll();
                afterWrite(call);
            } else {
                scheduleResend();
                return;
            }
        }
    }

    private void expire(Call call) {
        if (call.future.isDone()) {
            return;
        }
        boolean wasWritten = !unsent.remove(call);
        inFlight.remove(call.id);
        timeouts.increment();
        call.future.completeExceptionally(new CircusTimeoutException(endpoint, call.request.command(), call.timeout));
        if (wasWritten) {
            reopenWanted = true;
            reopenIfIdle();
        }
    }

    private void onReadable(ZMQ.Socket s) {
        for (int i = 0; i < READ_BUDGET; i++) {
            byte[] frame = s.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            if (s.hasReceiveMore()) {
                while (s.hasReceiveMore()) {
                    s.recv(ZMQ.DONTWAIT);
                }
                malformed.increment();
                LOG.debug("{}: dropped a multipart reply", endpoint);
                continue;
            }
            handleFrame(frame);
        }
    }

    private void handleFrame(byte[] frame) {
        Reply reply;
        try {
            reply = Reply.parse(frame);
        } catch (MalformedMessageException e) {
            malformed.increment();
            LOG.debug("{}: dropped a reply that is not a JSON object: {}", endpoint, e.getMessage());
            return;
        }
        Call call = reply.id().isTextual() ? inFlight.remove(reply.id().textValue()) : null;
        if (call == null) {
            unmatched.increment();
            LOG.debug("{}: dropped a reply for id {} (late, or not ours)", endpoint, reply.id());
            return;
        }
        if (reply.isBusy() && options.retryBusy() && retryBusy(call)) {
            return;
        }
        call.timer.cancel();
        replies.increment();
        call.future.complete(reply);
        reopenIfIdle();
    }

    private boolean retryBusy(Call call) {
        long backoff = options.busyBackoff().toNanos() << Math.min(call.busyRetries, 3);
        long remaining = call.deadlineNanos - System.nanoTime();
        if (remaining <= backoff) {
            return false;
        }
        call.busyRetries++;
        busyRetries.increment();
        call.assignId(Ids.next());
        inFlight.put(call.id, call);
        loop.schedule(Duration.ofNanos(backoff), () -> {
            if (!call.future.isDone() && socket != null) {
                write(call);
            }
        });
        return true;
    }

    private void reopenIfIdle() {
        if (!reopenWanted || !inFlight.isEmpty() || socket == null) {
            return;
        }
        reopenWanted = false;
        reconnects.increment();
        LOG.debug("{}: reopening the socket after a call went unanswered", endpoint);
        loop.closeSocket(socket);
        unsent.clear();
        openSocket();
    }

    private void openSocket() {
        ZMQ.Socket s = loop.openSocket(SocketType.DEALER);
        try {
            s.setIdentity(Ids.next().getBytes(StandardCharsets.US_ASCII));
            s.setImmediate(true);
            s.setSndHWM(options.highWaterMark());
            s.setRcvHWM(options.highWaterMark());
            s.setReconnectIVL((int) options.reconnectInterval().toMillis());
            s.setReconnectIVLMax((int) Math.max(options.reconnectInterval().toMillis(), 1_000));
            s.connect(endpoint);
        } catch (RuntimeException e) {
            loop.closeSocket(s);
            throw new CircusException("could not connect to circusd at " + endpoint + ": " + e.getMessage(), e);
        }
        loop.register(s, this::onReadable);
        socket = s;
    }

    private void failEverything() {
        CircusClosedException closed = new CircusClosedException("client for " + endpoint + " was closed");
        for (Call call : inFlight.values()) {
            call.future.completeExceptionally(closed);
        }
        inFlight.clear();
        for (Call call : unsent) {
            call.future.completeExceptionally(closed);
        }
        unsent.clear();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CircusException("interrupted while waiting for circusd", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CircusException ce) {
                throw ce;
            }
            throw new CircusException(String.valueOf(cause), cause);
        }
    }

    /** One call, from submit to reply; mutated on the loop thread only (the future excepted). */
    private static final class Call {
        final Request request;
        final Duration timeout;
        final long deadlineNanos;
        final boolean expectsReply;
        final CompletableFuture<Reply> future = new CompletableFuture<>();
        String id;
        byte[] frame;
        SocketLoop.Timer timer;
        int busyRetries;

        Call(Request request, Duration timeout, boolean expectsReply) {
            this.request = request;
            this.timeout = timeout;
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
            this.expectsReply = expectsReply;
        }

        void assignId(String newId) {
            id = newId;
            frame = request.withId(newId).toBytes();
        }
    }
}
