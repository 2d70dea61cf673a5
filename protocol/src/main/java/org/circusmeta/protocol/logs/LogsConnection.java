package org.circusmeta.protocol.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The loop side of a {@link LogsClient}: its DEALER socket, the requests in flight (each sent again
 * every second until answered or past its deadline: every request of the protocol may be repeated),
 * and the follows that pushed lines are routed to by their id.
 *
 * <p>Confined to the loop thread, except the counters.
 */
final class LogsConnection {
    private static final Logger LOG = LoggerFactory.getLogger(LogsConnection.class);
    private static final Duration RESEND = Duration.ofSeconds(1);
    private static final int READ_BUDGET = 1_000;
    private static final int HIGH_WATER_MARK = 1_000;

    private final SocketLoop loop;
    private final String endpoint;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Follow> follows = new HashMap<>();
    private final String identity = String.format("%016x", ThreadLocalRandom.current().nextLong());
    private long nextId;
    private ZMQ.Socket socket;
    final LongAdder received = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder listenerFailures = new LongAdder();
    final LongAdder lost = new LongAdder();

    private static final class Pending {
        final String type;
        final byte[] frame;
        final CompletableFuture<ObjectNode> future = new CompletableFuture<>();
        SocketLoop.Timer deadline;
        SocketLoop.Timer resend;

        Pending(String type, byte[] frame) {
            this.type = type;
            this.frame = frame;
        }
    }

    LogsConnection(SocketLoop loop, String endpoint) {
        this.loop = loop;
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    void open() {
        ZMQ.Socket s = loop.openSocket(SocketType.DEALER);
        try {
            s.setIdentity(identity.getBytes(StandardCharsets.US_ASCII));
            s.setRcvHWM(HIGH_WATER_MARK);
            s.setSndHWM(HIGH_WATER_MARK);
            s.setMaxMsgSize(LogsWire.MAX_MESSAGE_BYTES);
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(1_000);
            // JeroMQ 0.6.0 now and then never handshakes a fresh connection (jeromq PR 1022): give up on
            // it after a second and connect again, keeping the queued requests.
            s.setHandshakeIvl(1_000);
            s.connect(endpoint);
        } catch (RuntimeException e) {
            loop.closeSocket(s);
            throw new CircusException("could not open a connection to the logs endpoint " + endpoint + ": " + e.getMessage(), e);
        }
        loop.register(s, this::onReadable);
        socket = s;
    }

    /** Sends a request (its {@code v} and {@code id} added here); completes with the reply, on the loop thread. */
    CompletableFuture<ObjectNode> request(ObjectNode body, Duration timeout) {
        String id = "r" + (++nextId);
        ObjectNode message = CircusJson.object().put("v", LogsWire.VERSION).put("id", id);
        message.setAll(body);
        Pending p;
        try {
            p = new Pending(body.path("type").asText(), CircusJson.mapper().writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new CircusException("could not encode a logs request: " + e.getMessage(), e));
        }
        if (socket == null) {
            return CompletableFuture.failedFuture(new CircusClosedException("the logs client for " + endpoint + " is closed"));
        }
        pending.put(id, p);
        p.deadline = loop.schedule(timeout, () -> expire(id, timeout));
        write(id, p);
        return p.future;
    }

    void add(Follow f) {
        follows.put(f.id(), f);
    }

    void remove(Follow f) {
        follows.remove(f.id());
    }

    /** Fails what is pending, tells the server the follows end (without waiting), closes the socket. */
    void close(Supplier<CircusClosedException> reason, boolean closeSocket) {
        for (Follow f : List.copyOf(follows.values())) {
            f.stopOnLoop(closeSocket);
        }
        follows.clear();
        CircusClosedException closed = reason.get();
        for (Pending p : pending.values()) {
            cancelTimers(p);
            p.future.completeExceptionally(closed);
        }
        pending.clear();
        if (socket != null && closeSocket) {
            loop.closeSocket(socket);
        }
        socket = null;
    }

    /** Sends a request without waiting for its answer (an unfollow on the way out). */
    void tell(ObjectNode body) {
        if (socket == null) {
            return;
        }
        ObjectNode message = CircusJson.object().put("v", LogsWire.VERSION).put("id", "r" + (++nextId));
        message.setAll(body);
        try {
            socket.send(CircusJson.mapper().writeValueAsBytes(message), ZMQ.DONTWAIT);
        } catch (JsonProcessingException e) {
            LOG.debug("could not encode a logs request", e);
        }
    }

    private void write(String id, Pending p) {
        if (socket != null && !socket.send(p.frame, ZMQ.DONTWAIT)) {
            LOG.trace("{}: request {} not queued yet; sent again in {}", endpoint, id, RESEND);
        }
        p.resend = loop.schedule(RESEND, () -> {
            if (pending.get(id) == p) {
                write(id, p);
            }
        });
    }

    private void expire(String id, Duration timeout) {
        Pending p = pending.remove(id);
        if (p != null) {
            cancelTimers(p);
            p.future.completeExceptionally(new CircusTimeoutException(endpoint, p.type, timeout));
        }
    }

    private static void cancelTimers(Pending p) {
        if (p.deadline != null) {
            p.deadline.cancel();
        }
        if (p.resend != null) {
            p.resend.cancel();
        }
    }

    private void onReadable(ZMQ.Socket s) {
        for (int i = 0; i < READ_BUDGET && s == socket; i++) {
            byte[] frame = s.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            if (s.hasReceiveMore()) {
                while (s.hasReceiveMore()) {
                    s.recv(ZMQ.DONTWAIT);
                }
                malformed.increment();
                continue;
            }
            handle(frame);
        }
    }

    private void handle(byte[] frame) {
        ObjectNode message;
        try {
            message = CircusJson.readObject(frame);
        } catch (MalformedMessageException e) {
            malformed.increment();
            LOG.debug("{}: dropped a message that is not a JSON object: {}", endpoint, e.getMessage());
            return;
        }
        if (message.path("v").asInt(-1) != LogsWire.VERSION) {
            malformed.increment();
            LOG.debug("{}: dropped a message of protocol version {}", endpoint, message.path("v"));
            return;
        }
        received.increment();
        if (message.path("id").isTextual()) {
            Pending p = pending.remove(message.path("id").textValue());
            if (p == null) {
                unmatched.increment();
                return;
            }
            cancelTimers(p);
            p.future.complete(message);
            return;
        }
        Follow f = follows.get(message.path("follow").asText(""));
        if (f == null) {
            unmatched.increment();
            return;
        }
        f.onPush(message);
    }
}
