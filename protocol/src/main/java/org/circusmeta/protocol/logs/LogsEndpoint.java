package org.circusmeta.protocol.logs;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The server side of the logs protocol (docs/logs.md), at a node's {@code logs_endpoint}: a ROUTER
 * that answers {@code info}, {@code tail}, {@code follow} and {@code unfollow} requests from DEALER
 * clients, and pushes every new line of a followed watcher to its followers on the same connection,
 * in order, numbered, so that a follower neither loses nor repeats a line, even across the step from
 * the tail to the live lines.
 *
 * <p>What it serves is what it is given: the owner {@link #declare}s each watcher (with the outputs
 * that cannot be read, and why), {@link #append}s its lines as they are captured, and
 * {@link #forget}s it when it goes. It keeps the newest lines of each watcher within
 * {@link LogsOptions#keepLines()} and {@link LogsOptions#keepBytes()}.
 *
 * <p>Bad input: a request larger than 64 KiB is dropped by ZeroMQ; a message that is not one JSON
 * object, or of the wrong frame count, is dropped and counted; a JSON request it cannot serve gets a
 * {@link Refusal}. A follower whose queue reaches {@link LogsOptions#highWaterMark()} messages falls
 * behind (counted): nothing more is queued for it, never a buffer without bound; it is offered what it
 * missed once it reads again, as far as the log still keeps it. One that stops renewing is dropped
 * when its lease ends.
 *
 * <p>Threading: thread-safe. The socket and every log live on the given {@link SocketLoop};
 * {@link #declare}, {@link #forget}, {@link #sync} and {@link #append} may be called from any thread
 * (they are queued to the loop, in order). Lifecycle: no I/O in the constructor; {@link #start()}
 * binds (a second call throws); {@link #close()} is idempotent and tells every follower that the
 * server is going away.
 */
public final class LogsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogsEndpoint.class);
    private static final int READ_BUDGET = 1_000;

    /**
     * What the endpoint has done since it started.
     *
     * @param requests requests served (refusals included)
     * @param malformed messages dropped or refused because they were not a request
     * @param linesAppended lines kept
     * @param linesDropped lines appended for a watcher that was not declared (or was forgotten)
     * @param followsFellBehind times a follow fell behind because its connection could not take a message
     * @param followsExpired follows ended because they were not renewed in time
     * @param follows follows served now
     * @param behind of those, the ones behind now
     */
    public record Counters(long requests, long malformed, long linesAppended, long linesDropped, long followsFellBehind,
            long followsExpired, int follows, int behind) {}

    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final Endpoint endpoint;
    private final String server;
    private final LogsOptions options;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final LongAdder requests = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder appended = new LongAdder();
    private final LongAdder droppedLines = new LongAdder();
    private final FollowTable follows;
    private final Map<String, WatcherLog> logs = new HashMap<>();
    private final LogsReplies replies;
    private volatile int followCount;
    private volatile int behindCount;
    private volatile String bound = "";
    private ZMQ.Socket socket;
    private SocketLoop.Timer leaseTimer;

    /**
     * @param endpoint where to bind, {@code tcp://HOST:PORT} (port 0: any free port) or {@code ipc://PATH}
     * @param server what serves, reported by {@code info} (e.g. {@code circusmeta-node})
     */
    public LogsEndpoint(SocketLoop loop, String endpoint, String server, LogsOptions options) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.endpoint = Endpoint.parse(endpoint);
        this.server = Objects.requireNonNull(server, "server");
        this.options = Objects.requireNonNull(options, "options");
        this.follows = new FollowTable(this::send, options.maxFollows());
        this.replies = new LogsReplies(follows, options);
    }

    /**
     * Binds the ROUTER on the loop thread.
     *
     * @return the endpoint actually bound (port 0 becomes the port chosen)
     * @throws CircusException when the address cannot be bound, saying which
     * @throws IllegalStateException on a second call, or when the loop is not started
     */
    public String start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("logs endpoint " + endpoint + " was already started");
        }
        try {
            loop.runAndWait(this::bind);
        } catch (RuntimeException e) {
            state.set(State.CLOSED);
            throw e;
        }
        return bound;
    }

    /** The endpoint bound by {@link #start()}; empty before. */
    public String boundEndpoint() {
        return bound;
    }

    public LogsOptions options() {
        return options;
    }

    /**
     * Makes a watcher known (a new epoch of its log when it was not), and says which of its outputs
     * cannot be read; an empty list when both can.
     */
    public void declare(String watcher, List<Unreadable> unreadable) {
        List<Unreadable> copy = List.copyOf(unreadable);
        onLoop(() -> logs.computeIfAbsent(FollowTable.watcherKey(watcher), k -> newLog(watcher)).unreadable(copy));
    }

    /** Forgets a watcher and its kept lines; its follows stay and see a new epoch if it comes back. */
    public void forget(String watcher) {
        onLoop(() -> logs.remove(FollowTable.watcherKey(watcher)));
    }

    /** Declares the watchers not known yet (both outputs readable) and forgets those not named. */
    public void sync(Collection<String> watchers) {
        List<String> names = List.copyOf(watchers);
        onLoop(() -> {
            Set<String> keep = new HashSet<>();
            for (String name : names) {
                keep.add(FollowTable.watcherKey(name));
                logs.computeIfAbsent(FollowTable.watcherKey(name), k -> newLog(name));
            }
            logs.keySet().retainAll(keep);
        });
    }

    /**
     * Keeps a watcher's new lines, in order, and pushes them to its followers. The list is handed over:
     * the caller must not change it afterwards. Lines of a watcher not declared are dropped and counted.
     */
    public void append(String watcher, List<CapturedLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        onLoop(() -> {
            WatcherLog log = logs.get(FollowTable.watcherKey(watcher));
            if (log == null) {
                droppedLines.add(lines.size());
                return;
            }
            List<WatcherLog.Entry> added = lines.stream().map(log::append).toList();
            appended.add(added.size());
            follows.push(log, added);
            counted();
        });
    }

    public Counters counters() {
        return new Counters(requests.sum(), malformed.sum(), appended.sum(), droppedLines.sum(), follows.fellBehind.sum(),
                follows.expired.sum(), followCount, behindCount);
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        loop.cleanUp(() -> {
            if (leaseTimer != null) {
                leaseTimer.cancel();
            }
            if (socket != null) {
                try {
                    follows.endAll("the logs server at " + bound + " is shutting down");
                } finally {
                    loop.closeSocket(socket);
                    socket = null;
                }
            }
            followCount = 0;
            behindCount = 0;
        });
    }

    private WatcherLog newLog(String watcher) {
        String epoch = String.format("%016x", ThreadLocalRandom.current().nextLong());
        return new WatcherLog(watcher, epoch, options.keepLines(), options.keepBytes());
    }

    private void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (CircusClosedException | IllegalStateException e) {
            LOG.trace("logs endpoint {}: the loop is not running; dropped", endpoint);
        }
    }

    private void bind() {
        ZMQ.Socket s = loop.openSocket(SocketType.ROUTER);
        try {
            s.setRouterMandatory(true);
            // A follower that reconnects keeps its identity: the new connection takes its follows over.
            s.setRouterHandover(true);
            s.setSndHWM(options.highWaterMark());
            s.setRcvHWM(1_000);
            s.setSendTimeOut(0);
            s.setMaxMsgSize(LogsWire.MAX_REQUEST_BYTES);
            s.bind(endpoint.bindAddress());
        } catch (RuntimeException e) {
            loop.closeSocket(s);
            throw new CircusException("could not bind the logs endpoint " + endpoint + ": " + e.getMessage()
                    + "; is another process using that address? (logs_endpoint, or port 0 for any free port)", e);
        }
        loop.register(s, this::onReadable);
        socket = s;
        String last = s.getLastEndpoint();
        bound = last == null || last.isEmpty() ? endpoint.toString() : Endpoint.parse(last).toString();
        scheduleLeases();
    }

    private void scheduleLeases() {
        Duration every = options.lease().dividedBy(3);
        leaseTimer = loop.schedule(every, () -> {
            follows.expire(System.nanoTime());
            counted();
            if (socket != null) {
                scheduleLeases();
            }
        });
    }

    private void onReadable(ZMQ.Socket s) {
        for (int i = 0; i < READ_BUDGET && socket == s; i++) {
            byte[] identity = s.recv(ZMQ.DONTWAIT);
            if (identity == null) {
                return;
            }
            byte[] body = s.hasReceiveMore() ? s.recv(ZMQ.DONTWAIT) : null;
            if (body == null || s.hasReceiveMore()) {
                while (s.hasReceiveMore()) {
                    s.recv(ZMQ.DONTWAIT);
                }
                malformed.increment();
                continue;
            }
            serve(identity, body);
        }
    }

    private void serve(byte[] identity, byte[] body) {
        LogsRequest request;
        try {
            LogsRequest.Parsed parsed = LogsRequest.parse(body);
            if (parsed instanceof LogsRequest.Refused r) {
                malformed.increment();
                send(identity, LogsWire.refusal(r.id(), r.type(), r.refusal()));
                return;
            }
            request = ((LogsRequest.Valid) parsed).request();
        } catch (MalformedMessageException e) {
            malformed.increment();
            LOG.debug("logs endpoint {}: dropped a message that is not a JSON object: {}", bound, e.getMessage());
            return;
        }
        requests.increment();
        try {
            replies.serve(identity, request, logs, server);
        } catch (RuntimeException e) {
            LOG.warn("logs endpoint {}: serving a {} request failed; the endpoint goes on", bound, request.type(), e);
            send(identity, LogsWire.refusal(request.id(), request.type(), new Refusal(Refusal.BAD_REQUEST,
                    "the server failed on this request: " + e, List.of())));
        }
        counted();
    }

    private void counted() {
        followCount = follows.size();
        behindCount = follows.behind();
    }

    /**
     * Queues one message for a connection; false when its queue is full or the connection is gone
     * (the ROUTER is mandatory: a peer that disconnected is {@code EHOSTUNREACH}, not an error of
     * ours; its follows end with their lease).
     */
    private boolean send(byte[] identity, byte[] message) {
        ZMQ.Socket s = socket;
        if (s == null) {
            return false;
        }
        try {
            if (!s.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return false;
            }
            return s.send(message, ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            if (e.getErrorCode() == ZMQ.Error.EHOSTUNREACH.getCode()) {
                LOG.trace("logs endpoint {}: a follower's connection is gone; dropped a message for it", endpoint);
                return false;
            }
            throw e;
        }
    }
}
