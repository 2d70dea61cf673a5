package org.circusmeta.manager.nodes;

import com.codahale.metrics.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.circusmeta.manager.lifecycle.Causes;
import org.circusmeta.manager.lifecycle.Lifecycle;
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
 * liveness probe every {@code livenessInterval}, sent in one burst with the other connections of its
 * loop ({@link ProbeRound}), at most one in flight, each with {@code livenessTimeout}. The probes ask
 * {@code numprocesses} and {@code numwatchers} in turn: each answer proves the node alive and keeps one
 * of its two counts fresh, so one call per interval does what took two (docs/benchmarks.md, "Behind
 * the design", says what that saves).
 *
 * <p>The first answer makes the node {@code attached}; a probe without answer makes it
 * {@code unreachable}; any later answer makes it {@code attached} again. So a frozen node is noticed
 * within interval + timeout, long before its ZooKeeper session would expire.
 *
 * <p>While attaching, probes have short deadlines that double (from {@link #FIRST_ATTACH_PROBE}), and
 * each unanswered one replaces the client with a fresh one: JeroMQ now and then stalls the handshake
 * of a new TCP connection (the client holds requests until the handshake, which JeroMQ retries only
 * after a second), and a new connection gets past it at once. So a joining node is attached in
 * milliseconds rather than a second. It is {@code unreachable} only once a whole
 * {@code livenessTimeout} has passed without an answer.
 *
 * <p>Thread-safe; the probe's state is confined to the node's socket-loop thread.
 */
final class NodeConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeConnection.class);
    private static final Request NUMWATCHERS = Request.of("numwatchers");
    private static final Request NUMPROCESSES = Request.of("numprocesses");
    static final Duration FIRST_ATTACH_PROBE = Duration.ofMillis(50);

    private final NodeRecord firstRecord;
    private final SocketLoop loop;
    private volatile CircusClient client;
    private final ConnectionSettings settings;
    private final Timer roundTrips;
    private final BiConsumer<NodeState, NodeState> onStateChange;
    private final Executor reconnects;
    private final ProbeRound round;
    private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.ATTACHING);
    private final Instant openedAt = Instant.now();
    private volatile NodeRecord record;
    private volatile Instant lastSeen;
    private volatile Instant unreachableSince;
    private volatile int watchers = -1;
    private volatile int processes = -1;
    private volatile long processesAskedAt = NodeLoad.NEVER;
    private final Lifecycle lifecycle = new Lifecycle("a node connection");

    // Loop-thread state.
    private boolean probing;
    private boolean replacing;
    private long probes;
    private Duration attachProbe = FIRST_ATTACH_PROBE;

    NodeConnection(NodeRecord record, SocketLoop loop, ProbeRound round, ConnectionSettings settings, Timer roundTrips,
            BiConsumer<NodeState, NodeState> onStateChange, Executor reconnects) {
        this.firstRecord = record;
        this.reconnects = reconnects;
        this.round = round;
        this.record = record;
        this.loop = loop;
        this.settings = settings;
        this.roundTrips = roundTrips;
        this.onStateChange = onStateChange;
        this.client = newClient();
    }

    private CircusClient newClient() {
        return new CircusClient(loop, firstRecord.endpoint(), ClientOptions.DEFAULTS.withTimeout(settings.commandTimeout())
                .withMaxMessageSize(settings.maxMessageSize()));
    }

    void start() {
        lifecycle.start();
        client.start();
        loop.execute(this::probe);
        round.add(this);
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

    NodeSummary summary(LiveLoad liveLoad, boolean eligible) {
        NodeLoad load = new NodeLoad(watchers, processes, 0, 0, processesAskedAt);
        Optional<LiveLoad.Usage> usage = liveLoad.usage(name());
        return new NodeSummary(name(), state.get(), eligible, Optional.of(record), Optional.empty(),
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

    /** Sends a probe unless one is in flight; on the loop thread, by its {@link ProbeRound} or on attaching. */
    void probe() {
        if (lifecycle.isClosed() || probing || replacing) {
            return;
        }
        probing = true;
        boolean attaching = state.get() == NodeState.ATTACHING;
        Duration deadline = attaching ? min(attachProbe, settings.livenessTimeout()) : settings.livenessTimeout();
        // While attaching, the processes (placement weighs them), and the watchers at once after; then both in turn.
        boolean countWatchers = !attaching && probes++ % 2 == 0;
        long askedAt = System.nanoTime();
        client.call(countWatchers ? NUMWATCHERS : NUMPROCESSES, deadline).whenComplete((reply, error) -> {
            probing = false;
            if (reply != null) {
                if (countWatchers) {
                    watchers = reply.get("numwatchers").asInt(watchers);
                } else if (reply.get("numprocesses").isInt()) {
                    processes = reply.get("numprocesses").asInt();
                    processesAskedAt = askedAt;
                }
                answered();
                if (attaching) {
                    probe();
                }
            } else if (Causes.of(error) instanceof CircusTimeoutException) {
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
        if (!lifecycle.isClosed() && state.get() == NodeState.ATTACHING) {
            replacing = true;
            // A client started on its own loop's thread never gets its handshake: start it elsewhere.
            reconnects.execute(this::replaceClient);
        }
    }

    private void replaceClient() {
        if (lifecycle.isClosed()) {
            return;
        }
        if (state.get() != NodeState.ATTACHING) {
            loop.execute(this::probeAgain);
            return;
        }
        CircusClient fresh = newClient();
        try {
            fresh.start();
        } catch (RuntimeException e) {
            LOG.warn("node {}: could not open a new connection to {} ({}); the next probe tries again", name(),
                    firstRecord.endpoint(), e.getMessage());
            loop.execute(this::probeAgain);
            return;
        }
        loop.execute(() -> {
            if (lifecycle.isClosed() || state.get() != NodeState.ATTACHING) {
                fresh.close();
            } else {
                CircusClient stalled = client;
                client = fresh;
                stalled.close();
            }
            probeAgain();
        });
    }

    private void probeAgain() {
        replacing = false;
        probe();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void answered() {
        lastSeen = Instant.now();
        NodeState before = state.get();
        if (before == NodeState.ATTACHED || lifecycle.isClosed() || !state.compareAndSet(before, NodeState.ATTACHED)) {
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
        if (before == NodeState.UNREACHABLE || lifecycle.isClosed() || !state.compareAndSet(before, NodeState.UNREACHABLE)) {
            return;
        }
        unreachableSince = Instant.now();
        LOG.warn("node {} did not answer its liveness probe at {} within {} ms (last seen {}); it is unreachable, and commands"
                + " to it fail at once with 'unreachable' until it answers again", name(), client.endpoint(),
                settings.livenessTimeout().toMillis(), lastSeen == null ? "never" : lastSeen);
        onStateChange.accept(before, NodeState.UNREACHABLE);
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        round.remove(this);
        client.close();
        try {
            // On the loop, after any replacement of the client that was already running there.
            loop.execute(client::close);
        } catch (CircusClosedException e) {
            // the loop is gone, and its sockets with it
        }
    }
}
