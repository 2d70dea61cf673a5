package org.circusmeta.protocol.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The loop side of a {@link CircusClient}: its DEALER socket and the calls on it. Writes each call's
 * frame (queueing it while no daemon is connected and handshaken, see {@link HandshakeWatch}, or while
 * ZeroMQ's queue is full),
 * matches replies to calls by id, expires calls at their deadline, retries busy refusals, and reopens
 * the socket after an unanswered call once nothing else is in flight (lazy pirate).
 *
 * <p>Confined to the loop thread, except {@link #inFlightCount()}.
 */
final class DealerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(DealerConnection.class);
    private static final long FIRST_RESEND_NANOS = Duration.ofMillis(1).toNanos();
    private static final long MAX_RESEND_NANOS = Duration.ofMillis(50).toNanos();
    private static final int READ_BUDGET = 1_000;
    /** A handshake takes milliseconds; JeroMQ drops a connection not handshaken within a second. */
    private static final int HANDSHAKE_IVL_MS = 1_000;
    private static final long FIRST_HANDSHAKE_WAIT_MS = 100;

    private final SocketLoop loop;
    private final String endpoint;
    private final ClientOptions options;
    private final Ids ids;
    private final CallCounters counters;
    private final Map<String, Call> inFlight = new HashMap<>();
    private final ArrayDeque<Call> unsent = new ArrayDeque<>();
    private volatile int inFlightCount;
    private final HandshakeWatch handshake;
    private ZMQ.Socket socket;
    private SocketLoop.Timer resendTimer;
    private long resendDelayNanos = FIRST_RESEND_NANOS;
    private boolean reopenWanted;
    private long handshakeWaitMillis = FIRST_HANDSHAKE_WAIT_MS;

    DealerConnection(SocketLoop loop, String endpoint, ClientOptions options, Ids ids, CallCounters counters) {
        this.loop = loop;
        this.endpoint = endpoint;
        this.options = options;
        this.ids = ids;
        this.counters = counters;
        this.handshake = new HandshakeWatch(loop, endpoint);
    }

    int inFlightCount() {
        return inFlightCount;
    }

    boolean isOpen() {
        return socket != null;
    }

    void open() {
        ZMQ.Socket s = loop.openSocket(SocketType.DEALER);
        try {
            String identity = ids.next();
            s.setIdentity(identity.getBytes(StandardCharsets.US_ASCII));
            // JeroMQ's setImmediate(false) is libzmq's ZMQ_IMMEDIATE=1: nothing is queued for a daemon
            // that is not connected; calls wait in this class's own queue, within their deadline.
            s.setImmediate(false);
            s.setHandshakeIvl(HANDSHAKE_IVL_MS);
            s.setSndHWM(options.highWaterMark());
            s.setRcvHWM(options.highWaterMark());
            s.setMaxMsgSize(options.maxMessageSize());
            s.setReconnectIVL((int) options.reconnectInterval().toMillis());
            s.setReconnectIVLMax((int) Math.max(options.reconnectInterval().toMillis(), 1_000));
            handshake.watch(s, identity, new HandshakeWatch.Listener() {
                @Override
                public void connected() {
                    awaitHandshake(s);
                }

                @Override
                public void ready() {
                    handshakeWaitMillis = FIRST_HANDSHAKE_WAIT_MS;
                    flushUnsent();
                }
            });
            s.connect(endpoint);
        } catch (RuntimeException e) {
            handshake.close();
            loop.closeSocket(s);
            throw new CircusException("could not open a connection to circusd at " + endpoint + ": " + e.getMessage(), e);
        }
        loop.register(s, this::onReadable);
        socket = s;
    }

    /**
     * A handshake follows a TCP connect within milliseconds; when it does not, the connection is one
     * that JeroMQ will never handshake (see {@link HandshakeWatch}) and a fresh socket is quicker than
     * JeroMQ's handshake timer. The wait doubles for each such reopening, for slow links.
     */
    private void awaitHandshake(ZMQ.Socket connecting) {
        long wait = handshakeWaitMillis;
        loop.schedule(Duration.ofMillis(wait), () -> {
            if (socket == connecting && !handshake.isReady()) {
                handshakeWaitMillis = Math.min(wait * 2, HANDSHAKE_IVL_MS);
                counters.reconnects.increment();
                LOG.debug("{}: no handshake {} ms after connecting; opening a fresh connection", endpoint, wait);
                closeSocket();
                open();
            }
        });
    }

    private void closeSocket() {
        // The monitor first: see HandshakeWatch.close.
        handshake.close();
        loop.closeSocket(socket);
        socket = null;
    }

    /** Fails every pending call, stops the monitor and closes the socket (unless the loop closes it itself). */
    void close(Supplier<CircusClosedException> reason, boolean closeSocket) {
        CircusClosedException closed = reason.get();
        inFlight.values().forEach(call -> call.future.completeExceptionally(closed));
        inFlight.clear();
        inFlightCount = 0;
        unsent.forEach(call -> call.future.completeExceptionally(closed));
        unsent.clear();
        if (socket != null && closeSocket) {
            closeSocket();
        } else {
            // The loop closes the socket itself, after this: the monitor must be stopped before.
            handshake.close();
        }
        socket = null;
    }

    void send(Call call) {
        call.timer = loop.schedule(Duration.ofNanos(call.remainingNanos()), () -> expire(call));
        if (call.expectsReply) {
            track(call);
        }
        write(call);
    }

    private void write(Call call) {
        if (!unsent.isEmpty() || !handshake.isReady() || !socket.send(call.frame, ZMQ.DONTWAIT)) {
            unsent.add(call);
            scheduleResend();
            return;
        }
        written(call);
    }

    private void written(Call call) {
        counters.sent.increment();
        if (!call.expectsReply) {
            call.timer.cancel();
            call.future.complete(null);
        }
    }

    /** ZeroMQ refused (its queue is full) or the connection is not ready: try again soon. */
    private void scheduleResend() {
        if (resendTimer == null && handshake.isReady()) {
            resendTimer = loop.schedule(Duration.ofNanos(resendDelayNanos), this::flushUnsent);
            resendDelayNanos = Math.min(resendDelayNanos * 2, MAX_RESEND_NANOS);
        }
    }

    private void flushUnsent() {
        if (resendTimer != null) {
            resendTimer.cancel();
            resendTimer = null;
        }
        if (socket == null || !handshake.isReady()) {
            // The handshake will flush; until then, expired calls leave the queue at their deadline.
            return;
        }
        Call call;
        while ((call = unsent.peek()) != null) {
            if (call.future.isDone()) {
                unsent.poll();
            } else if (socket.send(call.frame, ZMQ.DONTWAIT)) {
                unsent.poll();
                written(call);
            } else {
                scheduleResend();
                return;
            }
        }
        resendDelayNanos = FIRST_RESEND_NANOS;
    }

    private void expire(Call call) {
        if (call.future.isDone()) {
            return;
        }
        boolean wasWritten = !unsent.remove(call);
        untrack(call);
        counters.timeouts.increment();
        call.future.completeExceptionally(new CircusTimeoutException(endpoint, call.command(), call.timeout));
        if (wasWritten) {
            reopenWanted = true;
            reopenIfIdle();
        }
    }

    private void onReadable(ZMQ.Socket s) {
        // A reply may complete the last call and reopen the socket: stop reading the old one then.
        for (int i = 0; i < READ_BUDGET && s == socket; i++) {
            byte[] frame = s.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            if (s.hasReceiveMore()) {
                while (s.hasReceiveMore()) {
                    s.recv(ZMQ.DONTWAIT);
                }
                counters.malformed.increment();
                LOG.debug("{}: dropped a multipart reply (circusd replies with one frame)", endpoint);
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
            counters.malformed.increment();
            LOG.debug("{}: dropped a reply that is not a JSON object: {}", endpoint, e.getMessage());
            return;
        }
        Call call = reply.id().isTextual() ? inFlight.get(reply.id().textValue()) : null;
        if (call == null) {
            counters.unmatched.increment();
            LOG.debug("{}: dropped a reply for id {} (late, or not ours)", endpoint, reply.id());
            return;
        }
        untrack(call);
        if (reply.isBusy() && options.retryBusy() && retryBusy(call)) {
            return;
        }
        call.timer.cancel();
        counters.replies.increment();
        call.future.complete(reply);
        reopenIfIdle();
    }

    private boolean retryBusy(Call call) {
        long backoff = options.busyBackoff().toNanos() << Math.min(call.busyRetries, 3);
        if (call.remainingNanos() <= backoff) {
            return false;
        }
        call.busyRetries++;
        counters.busyRetries.increment();
        call.assignId(ids.next());
        track(call);
        loop.schedule(Duration.ofNanos(backoff), () -> {
            if (!call.future.isDone() && socket != null) {
                write(call);
            }
        });
        return true;
    }

    private void track(Call call) {
        inFlight.put(call.id, call);
        inFlightCount = inFlight.size();
    }

    private void untrack(Call call) {
        inFlight.remove(call.id);
        inFlightCount = inFlight.size();
    }

    private void reopenIfIdle() {
        if (!reopenWanted || !inFlight.isEmpty() || socket == null) {
            return;
        }
        reopenWanted = false;
        counters.reconnects.increment();
        LOG.debug("{}: reopening the socket after a call went unanswered", endpoint);
        closeSocket();
        open();
    }
}
