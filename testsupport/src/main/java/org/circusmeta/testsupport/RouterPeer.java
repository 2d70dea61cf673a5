package org.circusmeta.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A fake circusd control socket for tests, in plain JeroMQ: a ROUTER bound on loopback, served by its
 * own thread. By default it answers every request with a plain ok carrying the request's id; a test
 * can change the handler, make it silent (a frozen daemon), send raw frames (garbage, strangers' ids,
 * replies out of order), and restart it on the same port.
 *
 * <p>Thread-safe: every method may be called from the test thread; the socket lives on the peer's
 * thread.
 */
public final class RouterPeer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A request as the peer received it. */
    public record Received(byte[] identity, byte[] body) {
        public Optional<JsonNode> json() {
            try {
                return Optional.of(MAPPER.readTree(body));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        public String command() {
            return json().map(j -> j.path("command").asText()).orElse("");
        }
    }

    private final ZContext context = new ZContext(1);
    private final ConcurrentLinkedQueue<Consumer<ZMQ.Socket>> actions = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Function<ObjectNode, Optional<ObjectNode>> handler = RouterPeer::ok;
    private volatile boolean silent;
    private volatile String endpoint;
    private volatile int port;

    private RouterPeer(int requestedPort) {
        CountDownLatch bound = new CountDownLatch(1);
        thread = new Thread(() -> serve(requestedPort, bound), "router-peer");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!bound.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test ROUTER did not bind within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A peer on a free loopback port. */
    public static RouterPeer start() {
        return new RouterPeer(0);
    }

    /** A peer on a given loopback port (to come back on the same address after {@link #close()}). */
    public static RouterPeer start(int port) {
        return new RouterPeer(port);
    }

    /** A plain ok reply: {@code {"status": "ok", "time": T, "id": ID}}. */
    public static Optional<ObjectNode> ok(ObjectNode request) {
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("status", "ok");
        reply.put("time", System.currentTimeMillis() / 1000.0);
        reply.set("id", request.path("id").isMissingNode() ? MAPPER.nullNode() : request.get("id"));
        return Optional.of(reply);
    }

    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return port;
    }

    /** Replaces how requests are answered; an empty result sends nothing. */
    public RouterPeer handler(Function<ObjectNode, Optional<ObjectNode>> newHandler) {
        this.handler = newHandler;
        return this;
    }

    /** Stops answering (requests are still recorded), as a frozen daemon would. */
    public void silence() {
        silent = true;
    }

    public void speak() {
        silent = false;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Sends frames to a client from the peer's thread, e.g. a reply out of order or garbage. */
    public void send(byte[] identity, byte[]... frames) {
        actions.add(socket -> {
            socket.sendMore(identity);
            for (int i = 0; i < frames.length; i++) {
                if (i < frames.length - 1) {
                    socket.sendMore(frames[i]);
                } else {
                    socket.send(frames[i]);
                }
            }
        });
    }

    /** Sends a JSON reply to a client from the peer's thread. */
    public void reply(byte[] identity, JsonNode reply) {
        try {
            send(identity, MAPPER.writeValueAsBytes(reply));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            context.close();
        }
    }

    private void serve(int requestedPort, CountDownLatch bound) {
        ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
        socket.setLinger(0);
        if (requestedPort == 0) {
            port = socket.bindToRandomPort("tcp://127.0.0.1");
        } else {
            socket.bind("tcp://127.0.0.1:" + requestedPort);
            port = requestedPort;
        }
        endpoint = "tcp://127.0.0.1:" + port;
        bound.countDown();
        ZMQ.Poller poller = context.createPoller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        while (running.get()) {
            Consumer<ZMQ.Socket> action;
            while ((action = actions.poll()) != null) {
                action.accept(socket);
            }
            if (poller.poll(10) <= 0) {
                continue;
            }
            byte[] identity;
            while ((identity = socket.recv(ZMQ.DONTWAIT)) != null) {
                List<byte[]> frames = new ArrayList<>();
                while (socket.hasReceiveMore()) {
                    frames.add(socket.recv());
                }
                if (frames.size() != 1) {
                    continue;
                }
                byte[] body = frames.get(0);
                received.add(new Received(identity, body));
                if (!silent) {
                    answer(socket, identity, body);
                }
            }
        }
        poller.close();
        context.destroySocket(socket);
    }

    private void answer(ZMQ.Socket socket, byte[] identity, byte[] body) {
        JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (IOException e) {
            return;
        }
        if (!(request instanceof ObjectNode object) || "cast".equals(object.path("msg_type").asText())) {
            return;
        }
        Optional<ObjectNode> reply = handler.apply(object);
        if (reply.isPresent()) {
            try {
                socket.sendMore(identity);
                socket.send(MAPPER.writeValueAsBytes(reply.get()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
