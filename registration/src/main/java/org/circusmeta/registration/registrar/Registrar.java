package org.circusmeta.registration.registrar;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.registrar.RegistrarState.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one circus daemon registered in ZooKeeper as {@code /nodes/<name>} (SPEC §3), an EPHEMERAL
 * znode holding its {@link org.circusmeta.registration.record.NodeRecord}, kept by Curator's
 * {@code PersistentNode}.
 *
 * <ul>
 *   <li><b>Health-gated.</b> The znode exists only while the daemon answers {@code globaloptions}
 *       on its control endpoint; after {@code unhealthyAfter} without an answer it is deleted, and
 *       it is created again at the next answer.
 *   <li><b>Session expiry.</b> The znode comes back by itself with the same record. If the expired
 *       session's znode is still there for a moment, the registrar waits until ZooKeeper removes it,
 *       then re-creates it; it never fails on it and never deletes it while it runs.
 *   <li><b>A name held by another live session</b> is not taken: the registrar reports
 *       {@link Kind#NAME_TAKEN} naming the holder's host, touches nothing, and registers once the
 *       holder's znode is gone. Registrars sharing one client in one JVM are told apart too.
 *   <li><b>Rename.</b> A request {@code {"name": NEW}} at {@code /renames/<name>} makes it re-register
 *       as NEW, remember NEW in its state dir (a restart with the same dir registers as NEW), and
 *       delete the request. A request for an invalid or taken name is logged and deleted.
 *   <li><b>ZooKeeper down.</b> Nothing fails; the state says so; the znode is back once the session is.
 *       Events during a partition are lost; the registrar's view converges after reconnection.
 * </ul>
 *
 * <p>Lifecycle: the constructor does no I/O. {@link #start()} returns at once (a second call
 * throws); the client must be started by the caller, who owns it (many registrars may share one)
 * and closes it after them; the socket loop must be running. {@link #close()} removes the znode
 * before it returns, and is idempotent.
 *
 * <p>Thread-safe. Work runs on a serial executor of this registrar, on a pool shared by every
 * registrar of the JVM; health calls run on the socket loop.
 */
public final class Registrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private enum Lifecycle { NEW, RUNNING, CLOSED }

    private final CuratorFramework curator;
    private final SocketLoop loop;
    private final RegistrarOptions options;
    private final SerialExecutor actor;
    private final Sessions sessions;
    private final Optional<StateFile> stateFile;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private final ConnectionStateListener connectionListener;
    private final Object stateChanged = new Object();
    private volatile RegistrarState state;
    private volatile String name;

    // Confined to the actor.
    private DaemonHealth health;
    private Registration registration;
    private RenameHandler renames;
    private boolean healthy;
    private boolean connected;
    private boolean closing;
    private Instant unreachableSince = Instant.now();

    public Registrar(CuratorFramework curator, SocketLoop loop, RegistrarOptions options) {
        this.curator = curator;
        this.loop = loop;
        this.options = options;
        this.name = options.name();
        this.actor = new SerialExecutor("node " + options.name());
        this.sessions = new Sessions(curator);
        this.stateFile = options.stateDir().map(StateFile::new);
        this.connectionListener = (client, newState) -> actor.execute(() -> onConnection(newState));
        this.state = new RegistrarState(Kind.NEW, name, "not started", Optional.empty(), Instant.now());
    }

    /** Begins registering; returns at once. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.RUNNING)) {
            throw new IllegalStateException("the registrar of node " + name + " was already started");
        }
        name = stateFile.map(f -> f.nameFor(options.name())).orElse(options.name());
        health = new DaemonHealth(loop, options.healthEndpoint(), options.healthInterval(), options.healthTimeout(),
                options.unhealthyAfter(), new DaemonHealth.Listener() {
                    @Override
                    public void answered() {
                        actor.execute(Registrar.this::onAnswered);
                    }

                    @Override
                    public void silent() {
                        actor.execute(Registrar.this::onSilent);
                    }
                });
        curator.getConnectionStateListenable().addListener(connectionListener);
        actor.execute(this::open);
        try {
            health.start();
        } catch (CircusException e) {
            LOG.error("node {}: the socket loop for health calls is closed ({}); not registering", name, e.getMessage());
        }
    }

    /** What the registrar is doing now. */
    public RegistrarState state() {
        return state;
    }

    /** The name it registers under now: the configured one, or the one it was renamed to. */
    public String currentName() {
        return name;
    }

    /**
     * Waits until the znode exists and holds this registrar's record.
     *
     * @return false when that did not happen within the timeout (see {@link #state()} for why)
     */
    public boolean awaitRegistered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChanged) {
            while (!state.isRegistered()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || state.kind() == Kind.CLOSED) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(stateChanged, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Removes the znode at once (waiting up to 10 s for ZooKeeper), stops the health calls. */
    @Override
    public void close() {
        Lifecycle previous = lifecycle.getAndSet(Lifecycle.CLOSED);
        if (previous == Lifecycle.CLOSED) {
            return;
        }
        if (previous == Lifecycle.RUNNING) {
            curator.getConnectionStateListenable().removeListener(connectionListener);
            CompletableFuture<Void> done = new CompletableFuture<>();
            actor.execute(() -> shutDown().whenComplete((v, e) -> done.complete(null)));
            awaitQuietly(done);
        }
        publish(new RegistrarState(Kind.CLOSED, name, "closed; " + RegistryPaths.node(name) + " removed",
                Optional.empty(), Instant.now()));
    }

    /** The host this registrar's record names, for messages of other registrars. */
    String recordHost() {
        String host = options.record().host();
        return host.isEmpty() ? "this host" : host;
    }

    private void open() {
        if (closing) {
            return;
        }
        LOG.info("node {}: will register at {} while circusd at {} answers 'globaloptions'", name,
                RegistryPaths.node(name), options.healthEndpoint());
        connected = curator.getZookeeperClient().isConnected();
        if (connected) {
            sessions.remember();
            bind(name);
        }
        reconcile();
    }

    private void bind(String newName) {
        name = newName;
        registration = new Registration(curator, newName, options.record(), sessions, this, actor, this::refreshState);
        registration.start();
        renames = new RenameHandler(curator, newName, this, sessions, actor, this::renamed,
                () -> registration.holder().isEmpty());
        renames.start();
    }

    private void onAnswered() {
        if (closing) {
            return;
        }
        if (!healthy) {
            healthy = true;
            LOG.info("node {}: circusd at {} answers", name, options.healthEndpoint());
        }
        reconcile();
    }

    private void onSilent() {
        if (closing || !healthy) {
            return;
        }
        healthy = false;
        LOG.warn("node {}: circusd at {} has not answered for {}; removing {} until it answers again", name,
                options.healthEndpoint(), options.unhealthyAfter(), RegistryPaths.node(name));
        reconcile();
    }

    private void onConnection(ConnectionState newState) {
        if (closing) {
            return;
        }
        boolean was = connected;
        connected = newState.isConnected();
        if (connected) {
            sessions.remember();
            if (registration == null) {
                bind(name);
            }
        } else if (was) {
            unreachableSince = Instant.now();
        }
        if (newState == ConnectionState.LOST) {
            LOG.warn("node {}: the ZooKeeper session was lost; {} comes back by itself once a new session is up",
                    name, RegistryPaths.node(name));
        }
        reconcile();
    }

    private void reconcile() {
        if (closing || registration == null) {
            refreshState();
            return;
        }
        if (connected && healthy) {
            registration.want(true);
            renames.poll();
        } else if (!healthy) {
            registration.want(false);
        }
        refreshState();
    }

    /** Called by the rename handler once a request is accepted: the old name is released, the new one bound. */
    private CompletableFuture<Void> renamed(String to) {
        String from = name;
        stateFile.ifPresent(f -> remember(f, to));
        renames.close();
        return registration.close().whenComplete((v, e) -> actor.execute(() -> {
            if (!closing) {
                bind(to);
                LOG.info("node {}: renamed to {}; {} removed, registering at {}", from, to, RegistryPaths.node(from),
                        RegistryPaths.node(to));
                reconcile();
            }
        }));
    }

    private void remember(StateFile file, String to) {
        try {
            file.remember(to, options.name());
        } catch (IOException e) {
            LOG.error("node {}: could not remember the new name {} in {} ({}); a restart will register as {} again",
                    name, to, file.path(), e.getMessage(), options.name());
        }
    }

    private CompletableFuture<Void> shutDown() {
        closing = true;
        boolean registered = state.isRegistered();
        if (health != null) {
            health.close();
        }
        if (renames != null) {
            renames.close();
        }
        CompletableFuture<Void> removed = registration == null ? CompletableFuture.completedFuture(null)
                : registration.close();
        return removed.whenComplete((v, e) -> LOG.info("node {}: stopped{}", name,
                registered ? "; " + RegistryPaths.node(name) + " removed" : ""));
    }

    private void refreshState() {
        RegistrarState next = StateReport.of(name, closing, connected, unreachableSince, healthy, registration,
                options.healthEndpoint(), options.unhealthyAfter());
        RegistrarState current = state;
        if (next.kind() == current.kind() && next.message().equals(current.message())) {
            return;
        }
        publish(next.kind() == current.kind() ? new RegistrarState(next.kind(), next.name(), next.message(),
                next.holder(), current.since()) : next);
        StateReport.log(LOG, current, next);
    }

    private void publish(RegistrarState next) {
        synchronized (stateChanged) {
            state = next;
            stateChanged.notifyAll();
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> done) {
        try {
            done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the registrar did not finish closing within {}: {}", CLOSE_WAIT, e.toString());
        }
    }
}
