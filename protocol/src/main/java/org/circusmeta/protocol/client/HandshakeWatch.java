package org.circusmeta.protocol.client;

import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Tells when a DEALER's connection has finished its ZMTP handshake, from the socket's monitor events,
 * so that requests are handed to ZeroMQ only then.
 *
 * <p>Why: JeroMQ 0.6.0 attaches a connection's pipe once TCP connects, before the handshake, and its
 * I/O thread now and then (a few percent of fresh connections, more under load) never starts the
 * handshake of a new connection (a poller registration race on the connecting side, jeromq PR 1022).
 * The handshake timer then drops the connection and JeroMQ reconnects, and whatever was queued on it
 * is lost. Holding requests until {@code EVENT_HANDSHAKE_PROTOCOL} turns that loss into a delay, which
 * the owner shortens by reopening a connection whose handshake does not follow its TCP connect.
 *
 * <p>Confined to the loop thread.
 */
final class HandshakeWatch {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeWatch.class);
    private static final int EVENTS =
            ZMQ.EVENT_CONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CLOSED;

    private final SocketLoop loop;
    private final String endpoint;
    private ZMQ.Socket events;
    private ZMQ.Socket watched;
    private boolean ready;

    HandshakeWatch(SocketLoop loop, String endpoint) {
        this.loop = loop;
        this.endpoint = endpoint;
    }

    /** What the watch reports, on the loop thread. */
    interface Listener {
        /** TCP is connected; the handshake should follow within milliseconds. */
        void connected();

        /** The handshake is done: the connection takes messages. */
        void ready();
    }

    /** Starts watching a socket before it connects. */
    void watch(ZMQ.Socket socket, String uniqueName, Listener listener) {
        String address = "inproc://circusmeta-handshake-" + uniqueName;
        if (!socket.monitor(address, EVENTS)) {
            throw new IllegalStateException("could not monitor the connection to " + endpoint);
        }
        ready = false;
        watched = socket;
        events = loop.openSocket(SocketType.PAIR);
        events.connect(address);
        loop.register(events, s -> onEvents(s, listener));
    }

    /** True while the connection is handshaken and not known to be gone. */
    boolean isReady() {
        return ready;
    }

    /**
     * Stops the monitor, then closes the socket that read it. Always before the watched socket closes:
     * JeroMQ writes the monitor's events with a blocking send from the context's I/O thread, so a
     * socket closed while still connecting, whose monitor reader is already gone, blocks that thread
     * for good, and every other socket of the loop with it.
     */
    void close() {
        ready = false;
        if (watched != null) {
            watched.monitor(null, 0);
            watched = null;
        }
        if (events != null) {
            loop.closeSocket(events);
            events = null;
        }
    }

    private void onEvents(ZMQ.Socket s, Listener listener) {
        ZMQ.Event event;
        while (s == events && (event = ZMQ.Event.recv(s, ZMQ.DONTWAIT)) != null) {
            if (event.getEvent() == ZMQ.EVENT_CONNECTED) {
                listener.connected();
            } else if (event.getEvent() == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
                ready = true;
                LOG.debug("{}: connected", endpoint);
                listener.ready();
            } else {
                ready = false;
                LOG.debug("{}: disconnected (event {})", endpoint, event.getEvent());
            }
        }
    }
}
