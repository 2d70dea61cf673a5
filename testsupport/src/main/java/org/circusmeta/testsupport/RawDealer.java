package org.circusmeta.testsupport;

import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A raw DEALER for sending frames as they are, handed over only once a probe got an answer: JeroMQ
 * 0.6.0 now and then loses the first message of a fresh connection whose handshake stalled, and only
 * a new socket gets past it (the protocol module's client does the same with handshake monitoring).
 * The probe's answer is read here, so the socket starts with nothing waiting.
 */
public final class RawDealer {
    /** A circus command every circusd answers. */
    public static final String CIRCUS_PROBE = "{\"command\": \"numwatchers\", \"id\": \"raw-dealer-probe\"}";
    /** A logs-protocol request every logs endpoint answers (docs/logs.md). */
    public static final String LOGS_PROBE = "{\"v\": 1, \"id\": \"raw-dealer-probe\", \"type\": \"info\"}";

    private static final int ATTEMPTS = 20;
    private static final int PROBE_WAIT_MS = 500;

    private RawDealer() {}

    public static ZMQ.Socket open(ZContext zmq, String endpoint, String probe) {
        return open(zmq, endpoint, probe, s -> { });
    }

    /** @param options socket options set before it connects (a receive high-water mark, say) */
    public static ZMQ.Socket open(ZContext zmq, String endpoint, String probe, Consumer<ZMQ.Socket> options) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ZMQ.Socket s = zmq.createSocket(SocketType.DEALER);
            s.setLinger(0);
            options.accept(s);
            int timeout = s.getReceiveTimeOut();
            s.setReceiveTimeOut(PROBE_WAIT_MS);
            s.connect(endpoint);
            s.send(probe);
            if (s.recv() != null) {
                s.setReceiveTimeOut(timeout);
                return s;
            }
            zmq.destroySocket(s);
        }
        throw new IllegalStateException("no answer from " + endpoint + " on " + ATTEMPTS + " fresh connections");
    }
}
