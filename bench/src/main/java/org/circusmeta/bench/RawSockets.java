package org.circusmeta.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Plain JeroMQ sockets the benchmarks read with, beside the project's own: the peer a figure is compared to. */
public final class RawSockets {
    private RawSockets() {}

    /**
     * A SUB socket connected to every endpoint, subscribed to one topic prefix, a deep queue, receives
     * that give up after 100 ms (so that a reading thread can notice it is to stop). JeroMQ now and then
     * never starts a connection's handshake (jeromq PR 1022): it is retried after 200 ms, not 30 s.
     */
    public static ZMQ.Socket subscriber(ZContext context, String prefix, List<String> endpoints) {
        ZMQ.Socket socket = context.createSocket(SocketType.SUB);
        socket.setLinger(0);
        socket.setHandshakeIvl(200);
        socket.setRcvHWM(100_000);
        socket.setReceiveTimeOut(100);
        socket.subscribe(prefix.getBytes(StandardCharsets.US_ASCII));
        endpoints.forEach(socket::connect);
        return socket;
    }
}
