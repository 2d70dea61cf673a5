package org.circusmeta.protocol.loop;

import java.util.Objects;
import org.zeromq.ZMQ;

/**
 * Reads the two-frame messages of a socket, {@code [identity, body]} on a ROUTER or {@code [topic,
 * body]} on a SUB, as a {@link SocketLoop.ReadHandler}: at most 1,000 messages per call, so that one
 * busy socket cannot starve the others of its loop. A message of one frame, or of more than two, is
 * read whole and reported as malformed, never delivered; the next message is read as usual.
 *
 * <p>Confined to the loop thread, as every read handler.
 */
public final class FramePairs implements SocketLoop.ReadHandler {
    /** Receives each two-frame message, on the loop thread. */
    @FunctionalInterface
    public interface Receiver {
        void onPair(byte[] first, byte[] second);
    }

    /** Told of each message that was not two frames; {@code what} says which, in words for a log line. */
    @FunctionalInterface
    public interface Rejecter {
        void onMalformed(String what);
    }

    private static final int BUDGET = 1_000;

    private final Receiver receiver;
    private final Rejecter rejecter;

    public FramePairs(Receiver receiver, Rejecter rejecter) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.rejecter = Objects.requireNonNull(rejecter, "rejecter");
    }

    @Override
    public void onReadable(ZMQ.Socket socket) {
        for (int i = 0; i < BUDGET; i++) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            if (!socket.hasReceiveMore()) {
                rejecter.onMalformed("a one-frame message");
                continue;
            }
            byte[] second = socket.recv(ZMQ.DONTWAIT);
            if (second == null || socket.hasReceiveMore()) {
                while (socket.hasReceiveMore()) {
                    socket.recv(ZMQ.DONTWAIT);
                }
                rejecter.onMalformed("a message of more than two frames");
                continue;
            }
            receiver.onPair(first, second);
        }
    }
}
