package org.circusmeta.protocol.loop;

import java.util.Objects;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.io.Metadata;

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

    /**
     * Receives each two-frame message with the address of the peer that sent it ({@code 127.0.0.1}, as
     * ZeroMQ's {@code Peer-Address} says it; empty when the transport has none), on the loop thread.
     */
    @FunctionalInterface
    public interface PeerReceiver {
        void onPair(byte[] first, byte[] second, String peer);
    }

    /** Told of each message that was not two frames; {@code what} says which, in words for a log line. */
    @FunctionalInterface
    public interface Rejecter {
        void onMalformed(String what);
    }

    private static final int BUDGET = 1_000;

    private final PeerReceiver receiver;
    private final boolean peers;
    private final Rejecter rejecter;

    public FramePairs(Receiver receiver, Rejecter rejecter) {
        this(adapt(Objects.requireNonNull(receiver, "receiver")), false, rejecter);
    }

    private FramePairs(PeerReceiver receiver, boolean peers, Rejecter rejecter) {
        this.receiver = receiver;
        this.peers = peers;
        this.rejecter = Objects.requireNonNull(rejecter, "rejecter");
    }

    private static PeerReceiver adapt(Receiver receiver) {
        return (first, second, peer) -> receiver.onPair(first, second);
    }

    /** A reader that tells each message's peer address too. */
    public static FramePairs withPeers(PeerReceiver receiver, Rejecter rejecter) {
        return new FramePairs(Objects.requireNonNull(receiver, "receiver"), true, rejecter);
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
            Msg message = peers ? socket.recvMsg(ZMQ.DONTWAIT) : null;
            byte[] second = peers ? (message == null ? null : message.data()) : socket.recv(ZMQ.DONTWAIT);
            if (second == null || socket.hasReceiveMore()) {
                while (socket.hasReceiveMore()) {
                    socket.recv(ZMQ.DONTWAIT);
                }
                rejecter.onMalformed("a message of more than two frames");
                continue;
            }
            receiver.onPair(first, second, peer(message));
        }
    }

    private static String peer(Msg message) {
        Metadata metadata = message == null ? null : message.getMetadata();
        String address = metadata == null ? null : metadata.get(Metadata.PEER_ADDRESS);
        return address == null ? "" : address;
    }
}
