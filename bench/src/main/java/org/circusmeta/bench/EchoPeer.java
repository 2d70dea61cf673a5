package org.circusmeta.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The smallest circusd stand-in: a ROUTER on loopback, served by its own thread in plain JeroMQ, that
 * answers every request with a plain ok carrying the request's id. The id is cut out of the request
 * bytes (circus requests end with it) rather than parsed, so that the peer costs the same, and as
 * little as possible, for every client measured against it.
 *
 * <p>Thread-safe: the socket lives on the peer's thread; {@link #close()} may be called from any.
 */
final class EchoPeer implements AutoCloseable {
    private static final byte[] ID_KEY = "\"id\": ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "{\"status\": \"ok\", \"time\": 1795657655.4095259, \"id\": "
            .getBytes(StandardCharsets.US_ASCII);

    private final ZContext context = new ZContext(1);
    private final CountDownLatch bound = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String endpoint;

    EchoPeer() {
        thread = new Thread(this::serve, "bench-echo-peer");
        thread.setDaemon(true);
    }

    String start() throws InterruptedException {
        thread.start();
        if (!bound.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the echo peer did not bind within 10 s");
        }
        return endpoint;
    }

    private void serve() {
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        router.setRcvHWM(100_000);
        router.setSndHWM(100_000);
        router.setReceiveTimeOut(100);
        int port = router.bindToRandomPort("tcp://127.0.0.1");
        endpoint = "tcp://127.0.0.1:" + port;
        bound.countDown();
        while (running) {
            byte[] identity = router.recv();
            if (identity == null) {
                continue;
            }
            byte[] body = router.recv();
            router.sendMore(identity);
            router.send(reply(body));
        }
        context.destroySocket(router);
    }

    static byte[] reply(byte[] request) {
        int at = lastIndexOf(request, ID_KEY);
        byte[] id = at < 0 ? "null".getBytes(StandardCharsets.US_ASCII)
                : Arrays.copyOfRange(request, at + ID_KEY.length, request.length - 1);
        byte[] out = Arrays.copyOf(PREFIX, PREFIX.length + id.length + 1);
        System.arraycopy(id, 0, out, PREFIX.length, id.length);
        out[out.length - 1] = '}';
        return out;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        context.close();
    }
}
