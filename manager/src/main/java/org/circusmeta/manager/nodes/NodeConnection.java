package org.circusmeta.manager.nodes;

import com.codahale.metrics.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.client.ClientOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's connection to one node: a {@link CircusClient} on a shared socket loop, and a
 * liveness probe ({@code numwatchers}) every {@code livenessInterval}, at most one in flight, each
 * with {@code livenessTimeout}. The first answer makes the node {@code attached}; a probe without
 * answer makes it {@code unreachable}; any later answer makes it {@code attached} again. So a frozen
 * node is noticed within interval + timeout, long before its ZooKeeper session would expire.
 *
 * <p>While attaching, probes have short deadlines that double (from {@link #FIRST_ATTACH_PROBE}) and
 * follow each other at once: JeroMQ now and then stalls the handshake of a fresh TCP connection
 * (the server's greeting is never read), and only a new socket (which the client opens after a
 * probe times out) gets past it. The node is {@code unreachable} only once a whole
 * {@code livenessTimeout} has passed without an answer.
 *
 * <p>Thread-safe; the probe's state is confined to the node's socket-loop thread.
 */
final class NodeConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeConnection.class);
    private static final Request NUMWATCHERS = Request.of("numwatchers");
    private static final Request NUMPROCESSES = Request.of("numprocesses");
    private static final int PROCESS_COUNT_EVERY = 4;
    static final Duration FIRST_ATTACH_PROBE = Duration.ofMillis(40);

    private final NodeRecord firstRecord;
    private final SocketLoop loop;
    private final CircusClient client;
    private final ConnectionSettings settings;
    private final Timer roundTrips;
    private final BiConsumer<NodeState, NodeState> onStateChange;
    private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.ATTACHING);
    private final Instant openedAt = Instant.now();
    private volatile NodeRecord record;
    private volatile Instant lastSeen;
    private volatile Instant unreachableSince;
    private volatile int watchers = -1;
    private volatile int processes = -1;
    private volatile boolean closed;

    // Loop-thread state.
    private boolean probing;
    private long probes;
    private Duration attachProbe = FIRST_ATTACH_PROBE;
    private SocketLoop.Timer nextProbe;

    NodeConnection(NodeRecord record, SocketLoop loop, ConnectionSettings settings, Timer roundTrips,
            BiConsumer<NodeState, NodeState> onStateChange) {
        this.firstRecord = record;
        this.record = record;
        this.loop = loop;
        this.settings = settings;
        this.roundTrips = roundTrips;
        this.onStateChange = onStateChange;
        this.client = new CircusClient(loop, record.endpoint(), ClientOptions.DEFAULTS.withTimeout(settings.commandTimeout()));
    }

    void start() {
        client.start();
        loop.execute(this::probe);
    }

    String name() {
        return firstRecord.name();
    }

    NodeRecord record() {
        return record;
    }

    /** Same endpoint, other details (labels, capacity...): no reconnection needed. */
    boolean sameEndpoint(NodeRecord other) {
        return firstRecord.endpoint().equals(other.endpoint());
    }

    void updateRecord(NodeRecord newer) {
        record = newer;
    }

    NodeState state() {
        return state.get();
    }

    NodeSummary summary(LiveLoad liveLoad) {
        NodeLoad load = new NodeLoad(watchers, processes, 0, 0);
        Optional<LiveLoad.Usage> usage = liveLoad.usage(name());
        return new NodeSummary(name(), state.get(), Optional.of(record), Optional.empty(),
                usage.map(load::withUsage).orElse(load), Optional.ofNullable(lastSeen), Optional.ofNullable(unreachableSince));
    }

    CompletableFuture<Reply> call(Request request, Duration timeout) {
        long start = System.nanoTime();
        return client.call(request, timeout).whenComplete((reply, error) -> {
            if (reply != null) {
                roundTrips.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                answered();
            }
        });
    }

    private void probe() {
        if (closed) {
            return;
        }
        nextProbe = loop.schedule(settings.livenessInterval(), this::probe);
        if (probing) {
            return;
        }
        probing = true;
        boolean attaching = state.get() == NodeState.ATTACHING;
        Duration deadline = attaching ? min(attachProbe, settings.livenessTimeout()) : settings.livenessTimeout();
        boolean countProcesses = probes++ % PROCESS_COUNT_EVERY == 0;
        client.call(NUMWATCHERS, deadline).whenComplete((reply, error) -> {
            probing = false;
            if (reply != null) {
                watchers = reply.get("numwatchers").asInt(watchers);
                answered();
                if (countProcesses) {
                    countProcesses();
                }
            } else if (unwrap(error) instanceof CircusTimeoutException) {
                noAnswer(attaching);
            }
        });
    }

    private void noAnswer(boolean attaching) {
        if (!attaching) {
            silent();
            return;
        }
        if (Duration.between(openedAt, Instant.now()).compareTo(settings.livenessTimeout()) >= 0) {
            silent();
        }
        attachProbe = attachProbe.multipliedBy(2);
        if (!closed) {
            nextProbe.cancel();
            nextProbe = loop.schedule(Duration.ZERO, this::probe);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void countProcesses() {
        client.call(NUMPROCESSES, settings.livenessTimeout()).whenComplete((reply, error) -> {
            if (reply != null) {
                processes = reply.get("numprocesses").asInt(processes);
            }
        });
    }

    private void answered() {
        lastSeen = Instant.now();
        NodeState before = state.get();
        if (before == NodeState.ATTACHED || closed || !state.compareAndSet(before, NodeState.ATTACHED)) {
            return;
        }
        if (before == NodeState.UNREACHABLE) {
            LOG.info("node {} answers again at {} after {} ms unreachable", name(), client.endpoint(),
                    Duration.between(unreachableSince, lastSeen).toMillis());
        } else {
            LOG.info("node {} attached at {} ({} {}), first answer after {} ms", name(), client.endpoint(), record.kind(),
                    record.version(), Duration.between(openedAt, lastSeen).toMillis());
        }
        unreachableSince = null;
        onStateChange.accept(before, NodeState.ATTACHED);
    }

    private void silent() {
        NodeState before = state.get();
        if (before == NodeState.UNREACHABLE || closed || !state.compareAndSet(before, NodeState.UNREACHABLE)) {
            return;
        }
        unreachableSince = Instant.now();
        LOG.warn("node {} did not answer 'numwatchers' at {} within {} ms (last seen {}); it is unreachable, and commands"
                + " to it fail at once with 'unreachable' until it answers again", name(), client.endpoint(),
                settings.livenessTimeout().toMillis(), lastSeen == null ? "never" : lastSeen);
        onStateChange.accept(before, NodeState.UNREACHABLE);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.execute(() -> {
                if (nextProbe != null) {
                    nextProbe.cancel();
                }
            });
        } catch (CircusClosedException e) {
            // the loop is gone, and its timers with it
        }
        client.close();
    }
}
