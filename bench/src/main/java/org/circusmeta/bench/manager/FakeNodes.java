package org.circusmeta.bench.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Many fake circusd control sockets in this process: ROUTERs on loopback, shared by a few threads (no
 * thread per node), each answering at once with a plain ok ({@code numwatchers} and {@code status}
 * get their fields). A node can be silenced, as a frozen daemon would be.
 *
 * <p>Thread-safe: the sockets live on their serving threads.
 */
public final class FakeNodes implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ZContext context = new ZContext(1);
    private final List<String> endpoints = new ArrayList<>();
    private final Set<Integer> silenced = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public FakeNodes(int count, int threadCount) {
        CountDownLatch bound = new CountDownLatch(threadCount);
        String[] all = new String[count];
        for (int t = 0; t < threadCount; t++) {
            int first = t;
            Thread thread = new Thread(() -> serve(first, threadCount, count, all, bound), "fake-nodes-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            if (!bound.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake nodes did not bind within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        endpoints.addAll(List.of(all));
    }

    public String endpoint(int node) {
        return endpoints.get(node);
    }

    void silence(int node) {
        silenced.add(node);
    }

    void speak(int node) {
        silenced.remove(node);
    }

    private void serve(int first, int step, int count, String[] endpointsOut, CountDownLatch bound) {
        List<ZMQ.Socket> sockets = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        ZMQ.Poller poller = context.createPoller(count / step + 1);
        for (int i = first; i < count; i += step) {
            ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
            socket.setLinger(0);
            int port = socket.bindToRandomPort("tcp://127.0.0.1");
            endpointsOut[i] = "tcp://127.0.0.1:" + port;
            poller.register(socket, ZMQ.Poller.POLLIN);
            sockets.add(socket);
            indexes.add(i);
        }
        bound.countDown();
        while (running) {
            if (poller.poll(10) <= 0) {
                continue;
            }
            for (int k = 0; k < sockets.size(); k++) {
                if (poller.pollin(k)) {
                    drain(sockets.get(k), indexes.get(k));
                }
            }
        }
        poller.close();
    }

    private void drain(ZMQ.Socket socket, int node) {
        byte[] identity;
        while ((identity = socket.recv(ZMQ.DONTWAIT)) != null) {
            byte[] body = socket.hasReceiveMore() ? socket.recv() : null;
            while (socket.hasReceiveMore()) {
                socket.recv();
            }
            if (body == null || silenced.contains(node)) {
                continue;
            }
            socket.sendMore(identity);
            socket.send(answer(body));
        }
    }

    private static byte[] answer(byte[] body) {
        try {
            JsonNode request = MAPPER.readTree(body);
            ObjectNode reply = MAPPER.createObjectNode();
            reply.put("status", "ok");
            reply.put("time", System.currentTimeMillis() / 1000.0);
            switch (request.path("command").asText()) {
                case "numwatchers" -> reply.put("numwatchers", 1);
                case "numprocesses" -> reply.put("numprocesses", 1);
                case "status" -> reply.putObject("statuses").put("web", "active");
                default -> { }
            }
            reply.set("id", request.path("id"));
            return MAPPER.writeValueAsBytes(reply);
        } catch (IOException e) {
            return "{\"status\": \"error\", \"reason\": \"json invalid\", \"errno\": 1, \"id\": null}".getBytes();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        context.close();
    }
}
