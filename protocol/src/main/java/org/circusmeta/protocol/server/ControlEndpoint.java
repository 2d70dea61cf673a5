package org.circusmeta.protocol.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.MalformedRequestException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.FramePairs;
import org.circusmeta.protocol.loop.LoopSocket;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;

/**
 * A circus control endpoint: a ROUTER socket that reads {@code [client identity, request]} messages,
 * hands each request to a {@link Handler}, and sends the handler's reply back to that client with the
 * request's id. Casts ({@code msg_type: "cast"}) run without a reply.
 *
 * <p>Bad input, handled as circusd 0.19 does where that is sane and without its stalls (docs/protocol.md,
 * "Malformed input"): a body that is not JSON gets errno 1 {@code json invalid} with id null; a JSON body
 * without {@code command}, or that is not an object, gets an error reply instead of circusd's silent
 * stall; a message of more than one body frame is ignored, as circusd ignores it. A handler that
 * throws gets circusd's generic errno 5 reply, {@code command b'<raw request>': <message>}. Nothing
 * stops the endpoint serving.
 *
 * <p>Threading: thread-safe. The socket and the handler run on the given {@link SocketLoop}; a
 * handler must not block and returns a stage for work that takes time. Replies completed on another
 * thread are sent from the loop thread.
 */
public final class ControlEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlEndpoint.class);

    /** Runs one request; called on the loop thread. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<Reply> handle(Request request);

        /**
         * Runs one request from the client at {@code peer} (its address as ZeroMQ tells it, {@code 127.0.0.1};
         * empty when the transport has none); by default as {@link #handle(Request)}.
         */
        default CompletionStage<Reply> handle(Request request, String peer) {
            return handle(request);
        }
    }

    private final SocketLoop loop;
    private final Endpoint endpoint;
    private final Handler handler;
    private final LoopSocket socket;
    private final LongAdder requests = new LongAdder();
    private final LongAdder malformed = new LongAdder();

    /**
     * @param endpoint where to bind, {@code tcp://HOST:PORT} (port 0: any free port) or {@code ipc://PATH}
     * @param handler runs each well-formed request on the loop thread
     */
    public ControlEndpoint(SocketLoop loop, String endpoint, Handler handler) {
        this(loop, endpoint, handler, -1);
    }

    /**
     * As above, reading no request over {@code maxMessageSize} bytes: ZeroMQ drops that client's connection
     * before the request is read, the other clients are served as before; -1 for no bound.
     */
    public ControlEndpoint(SocketLoop loop, String endpoint, Handler handler, long maxMessageSize) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.endpoint = Endpoint.parse(endpoint);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.socket = LoopSocket.binding(loop, SocketType.ROUTER, this.endpoint, "the control endpoint " + this.endpoint,
                s -> {
                    s.setRcvHWM(10_000);
                    s.setSndHWM(10_000);
                    s.setMaxMsgSize(maxMessageSize);
                });
    }

    /**
     * Binds the ROUTER.
     *
     * @return the endpoint actually bound (port 0 becomes the port chosen)
     * @throws CircusException when the address cannot be bound, saying which
     * @throws IllegalStateException on a second call, or when the loop is not started
     */
    public String start() {
        return socket.start(FramePairs.withPeers(this::receive, this::rejected));
    }

    /** The endpoint bound by {@link #start()} (the chosen port in place of 0); empty before. */
    public String boundEndpoint() {
        return socket.endpoint();
    }

    /** Requests handed to the handler so far. */
    public long requests() {
        return requests.sum();
    }

    /** Messages answered with a protocol error or ignored because they were malformed. */
    public long malformed() {
        return malformed.sum();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void rejected(String what) {
        malformed.increment();
        LOG.debug("{}: ignored {}; a client sends one frame per request, from a DEALER (not a REQ) socket", endpoint,
                what);
    }

    private void receive(byte[] identity, byte[] body, String peer) {
        Request request;
        try {
            request = Request.parse(body);
        } catch (MalformedRequestException e) {
            malformed.increment();
            send(identity, e.toReply());
            return;
        }
        requests.increment();
        CompletionStage<Reply> stage = handle(request, peer);
        if (request.isCast()) {
            stage.whenComplete((reply, error) -> {
                if (error != null) {
                    LOG.warn("{}: cast '{}' failed: {}", endpoint, request.command(), unwrap(error).toString());
                }
            });
            return;
        }
        stage.whenComplete((reply, error) -> answer(identity, request, reply, error));
    }

    private CompletionStage<Reply> handle(Request request, String peer) {
        try {
            CompletionStage<Reply> stage = handler.handle(request, peer);
            return stage != null ? stage
                    : CompletableFuture.failedFuture(new IllegalStateException("the handler returned no reply stage"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answer(byte[] identity, Request request, Reply reply, Throwable error) {
        Reply answer = error != null ? unexpected(request, unwrap(error))
                : reply != null ? reply
                : unexpected(request, new IllegalStateException("the handler completed without a reply"));
        Reply addressed = answer.withId(request.id());
        if (loop.inLoop()) {
            send(identity, addressed);
            return;
        }
        try {
            loop.execute(() -> send(identity, addressed));
        } catch (CircusClosedException closed) {
            LOG.debug("{}: reply to '{}' dropped, the loop is closed", endpoint, request.command());
        }
    }

    /** circusd's generic errno-5 reply for an unexpected failure, with a traceback in {@code tb}. */
    public static Reply unexpected(Request request, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        LOG.debug("command '{}' failed; answered with errno 5", request.command(), error);
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        Reply base = Reply.error(request.pythonRepr() + ": " + message, Errno.COMMAND_ERROR);
        var json = base.toJson();
        json.put("tb", trace.toString());
        return Reply.of(json);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void send(byte[] identity, Reply reply) {
        if (!socket.send(identity, reply.toBytes())) {
            LOG.debug("{}: a reply could not be queued (client gone, too slow, or the endpoint closed)", endpoint);
        }
    }
}
