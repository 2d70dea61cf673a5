package org.circusmeta.node;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A raw DEALER for sending frames as they are, opened only once a probe got an answer: JeroMQ 0.6.0
 * now and then loses the first message of a fresh connection whose handshake stalled, and only a new
 * socket gets past it (the protocol module's client does the same with handshake monitoring).
 */
final class RawDealer {
    private static final String PROBE = "{\"command\": \"numwatchers\", \"id\": \"raw-dealer-probe\"}";

    private RawDealer() {}

    static ZMQ.Socket open(ZContext zmq, String endpoint) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ZMQ.Socket s = zmq.createSocket(SocketType.DEALER);
            s.setLinger(0);
            s.setReceiveTimeOut(500);
            s.connect(endpoint);
            s.send(PROBE);
            if (s.recv() != null) {
                return s;
            }
            zmq.destroySocket(s);
        }
        throw new IllegalStateException("no answer from " + endpoint + " on 20 fresh connections");
    }
}
