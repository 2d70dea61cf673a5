package org.circusmeta.protocol.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The ZeroMQ context of one {@link SocketLoop} and the sockets opened in it: every socket with linger
 * 0, ZeroMQ's own threads named after the loop ({@code NAME-zmq-iothread-N}, {@code NAME-zmq-reaper-N})
 * so that a thread dump tells whose they are, and all of it closed at once when the loop ends.
 *
 * <p>Confined to the loop thread, except {@link #count()}.
 */
final class OwnedSockets {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedSockets.class);
    /**
     * ZeroMQ's default is 1,024 sockets per context, which one loop serving a few hundred nodes reaches
     * (a node host: 6 sockets per node; the manager's relay: 2 per node). The slots cost a few bytes
     * each, allocated with the first socket.
     */
    static final int MAX_SOCKETS = 8_192;

    private final String loopName;
    private final ZContext context;
    private final List<ZMQ.Socket> owned = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    OwnedSockets(String loopName, int ioThreads) {
        this.loopName = loopName;
        context = new ZContext(ioThreads);
        context.setLinger(0);
        context.getContext().setMaxSockets(MAX_SOCKETS);
        context.setThreadFactor((runnable, zmqName) -> {
            Thread t = new Thread(runnable, loopName + "-zmq-" + zmqName);
            t.setDaemon(true);
            return t;
        });
    }

    ZMQ.Socket open(SocketType type) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        owned.add(socket);
        count.incrementAndGet();
        return socket;
    }

    /** Closes a socket opened here; false (and nothing done) for any other. */
    boolean close(ZMQ.Socket socket) {
        if (!owned.remove(socket)) {
            return false;
        }
        count.decrementAndGet();
        context.destroySocket(socket);
        return true;
    }

    int count() {
        return count.get();
    }

    /** Closes every socket, then the context, which waits for ZeroMQ's threads to end. */
    void closeAll() {
        for (ZMQ.Socket socket : owned) {
            try {
                context.destroySocket(socket);
            } catch (RuntimeException e) {
                LOG.debug("socket loop {}: closing a socket failed", loopName, e);
            }
        }
        owned.clear();
        count.set(0);
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.warn("socket loop {}: the ZeroMQ context did not close cleanly", loopName, e);
        }
    }
}
