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
 * Keeps one circus daemon registered in ZooKeeper as {@code /nodes/<name>} (docs/registry.md), an
 * EPHEMERAL znode holding its {@link org.circusmeta.registration.record.NodeRecord}, kept by
 * Curator's {@code PersistentNode}.
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
 *   <li><b>ZooKeeper ACLs</b> ({@link RegistrarOptions#recordSessions()}). The record may be written by
 *       this registrar's identity and the managers only, and is held in a session of its own, which
 *       is ended to remove it (no registrar may delete under {@code /nodes}). Until the registry lets
 *       this identity register, the state is {@link Kind#NOT_PERMITTED}, saying why.
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
    private final RegistrarOptions options;
    private final SerialExecutor actor;
    private final Sessions sessions;
    private final Optional<StateFile> stateFile;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private final ConnectionStateListener connectionListener;
    private final DaemonHealth health;
    private final StateReport report;
    private volatile String name;

    // Confined to the actor.
    private Registration registration;
    private RenameHandler renames;
    private boolean healthy;
    private boolean connected;
    private boolean closing;
    private Instant unreachableSince = Instant.now();

    public Registrar(CuratorFramework curator, SocketLoop loop, RegistrarOptions options) {
        this.curator = curator;
        this.options = options;
        this.name = options.name();
        this.actor = new SerialExecutor("node " + options.name());
        this.sessions = new Sessions(curator);
        this.stateFile = options.stateDir().map(StateFile::new);
        this.connectionListener = (client, newState) -> actor.execute(() -> onConnection(newState));
        this.health = new DaemonHealth(loop, options.healthEndpoint(), options.healthInterval(), options.healthTimeout(),
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
        this.report = new StateReport(new RegistrarState(Kind.NEW, name, "not started", Optional.empty(), Instant.now()));
    }

    /** Begins registering; returns at once. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.RUNNING)) {
            throw new IllegalStateException("the registrar of node " + name + " was already started");
        }
        name = stateFile.map(f -> f.nameFor(options.name())).orElse(options.name());
        actor.execute(this::open);
        try {
            health.start();
        } catch (CircusException e) {
            LOG.error("node {}: the socket loop for health calls is closed ({}); not registering", name, e.getMessage());
        }
    }

    /** What the registrar is doing now. */
    public RegistrarState state() {
        return report.current();
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
        return report.awaitRegistered(timeout);
    }

    /** Removes the znode at once (waiting up to 10 s for ZooKeeper), stops the health calls. */
    @Override
    public void close() {
        Lifecycle previous = lifecycle.getAndSet(Lifecycle.CLOSED);
        if (previous == Lifecycle.CLOSED) {
            return;
        }
        String how = "closed";
        if (previous == Lifecycle.RUNNING) {
            CompletableFuture<String> done = new CompletableFuture<>();
            actor.execute(() -> shutDown().whenComplete((said, e) -> done.complete(said)));
            how = awaitQuietly(done);
        }
        report.update(new RegistrarState(Kind.CLOSED, name, how, Optional.empty(), Instant.now()));
    }

    /** The host this registrar's record names, for messages of other registrars. */
    String recordHost() {
        String host = options.record().host();
        return host.isEmpty() ? "this host" : host;
    }

    /** Runs on the actor, so that a close racing the start either finds the listener added or never adds it. */
    private void open() {
        if (closing) {
            return;
        }
        LOG.info("node {}: will register at {} while circusd at {} answers 'globaloptions'", name,
                RegistryPaths.node(name), options.healthEndpoint());
        curator.getConnectionStateListenable().addListener(connectionListener);
        onConnection(curator.getZookeeperClient().isConnected() ? ConnectionState.CONNECTED : ConnectionState.SUSPENDED);
    }

    private void bind(String newName) {
        name = newName;
        registration = new Registration(curator, newName, options.record(), sessions, this, actor, this::refreshState,
                options.recordSessions());
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
            if (closing) {
                LocalClaims.release(curator, to, this);
                return;
            }
            bind(to);
            LOG.info("node {}: renamed to {}; {} removed, registering at {}", from, to, RegistryPaths.node(from),
                    RegistryPaths.node(to));
            reconcile();
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

    /** Stops everything; completes, with what became of the znode, once it is removed. */
    private CompletableFuture<String> shutDown() {
        closing = true;
        boolean registered = report.current().isRegistered();
        curator.getConnectionStateListenable().removeListener(connectionListener);
        health.close();
        if (renames != null) {
            renames.close();
        }
        String path = RegistryPaths.node(name);
        report.update(new RegistrarState(Kind.CLOSED, name, "closing" + (registered ? "; removing " + path : ""),
                Optional.empty(), Instant.now()));
        CompletableFuture<Void> removed = registration == null ? CompletableFuture.completedFuture(null)
                : registration.close();
        return removed.handle((v, e) -> {
            String how = registered ? "closed; " + path + " removed" : "closed";
            LOG.info("node {}: {}", name, how);
            return how;
        });
    }

    private void refreshState() {
        if (!closing) {
            report.update(StateReport.of(name, connected, unreachableSince, healthy, registration,
                    options.healthEndpoint(), options.unhealthyAfter()));
        }
    }

    private String awaitQuietly(CompletableFuture<String> done) {
        try {
            return done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "closed (interrupted while removing " + RegistryPaths.node(name) + ")";
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("node {}: the registrar did not finish closing within {} ({}); {} goes when the ZooKeeper session"
                    + " ends", name, CLOSE_WAIT, e.toString(), RegistryPaths.node(name));
            return "closed; " + RegistryPaths.node(name) + " not removed within " + CLOSE_WAIT;
        }
    }
}
