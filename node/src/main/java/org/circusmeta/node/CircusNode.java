package org.circusmeta.node;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.node.commands.GlobalOptions;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.registry.NodeRegistrar;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circusd-compatible node: the control endpoint answering circus commands, the pubsub and stats
 * streams, and the watchers of a circus.ini supervising real processes. Many nodes can share one
 * {@link NodeHost} (one loop thread, one sampler thread).
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} binds the endpoints (port 0 binds any free port; the
 * accessors give the bound ones) and starts the watchers; a second call throws. {@code quit} (the
 * command) or {@link #quit()} stops every watcher and ends the node: {@link #terminated()} completes.
 * {@link #close()} does the same and waits for it, boundedly; it is idempotent. Close nodes before
 * the host they share.
 */
public final class CircusNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CircusNode.class);
    private static final Duration FLUSH_BEFORE_CLOSE = Duration.ofMillis(200);

    private enum State { NEW, RUNNING, STOPPED }

    private final NodeConfig config;
    private final NodeHost host;
    private final boolean ownsHost;
    private final Optional<NodeRegistration> registration;
    private volatile NodeRegistrar registrar;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile GlobalOptions bound;
    private volatile LogsEndpoint logs;

    private BoundNode boundNode; // loop-thread state

    /** A node that does not register itself, like a plain circusd. */
    public CircusNode(NodeConfig config, NodeHost host) {
        this(config, host, false, Optional.empty());
    }

    /** A node that keeps itself registered in ZooKeeper while it runs, and deregisters when it ends. */
    public CircusNode(NodeConfig config, NodeHost host, NodeRegistration registration) {
        this(config, host, false, Optional.of(registration));
    }

    private CircusNode(NodeConfig config, NodeHost host, boolean ownsHost, Optional<NodeRegistration> registration) {
        this.config = config;
        this.host = host;
        this.ownsHost = ownsHost;
        this.registration = registration;
    }

    /** A node with a host of its own, closed with it. */
    public static CircusNode standalone(NodeConfig config, Optional<NodeRegistration> registration) {
        NodeHost host = new NodeHost("circusmeta-node");
        host.start();
        return new CircusNode(config, host, true, registration);
    }

    public static CircusNode standalone(NodeConfig config) {
        return standalone(config, Optional.empty());
    }

    /** @throws CircusException when an endpoint or socket cannot be bound, saying which */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("this node was already started");
        }
        config.warnings().forEach(w -> LOG.warn("{}", w));
        CompletableFuture<GlobalOptions> started = new CompletableFuture<>();
        host.loop().execute(() -> {
            try {
                boundNode = BoundNode.bind(config, host, this::onQuit);
                logs = boundNode.logs();
                started.complete(boundNode.options());
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        try {
            bound = started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            state.set(State.STOPPED);
            terminated.complete(null);
            throw e.getCause() instanceof CircusException ce ? ce : new CircusException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CircusException("interrupted while starting the node", e);
        } catch (TimeoutException e) {
            throw new CircusException("the node's loop did not bind its endpoints within 30 s; is it blocked?", e);
        }
        LOG.info("node listening: control {}, pubsub {}, stats {}, logs {}", endpoint(), pubsubEndpoint(),
                statsEndpoint().orElse("(off)"), logsEndpoint());
        registration.ifPresent(how -> registrar = NodeRegistrar.start(how, bound, Optional.of(logsEndpoint()), host.loop()));
    }

    /** The registrar keeping this node in ZooKeeper, when it registers itself. */
    public Optional<NodeRegistrar> registrar() {
        return Optional.ofNullable(registrar);
    }

    /** The control endpoint actually bound. */
    public String endpoint() {
        return options().endpoint();
    }

    public String pubsubEndpoint() {
        return options().pubsubEndpoint();
    }

    /** The stats endpoint, when stats are on ({@code statsd = true} or a {@code stats_endpoint}). */
    public Optional<String> statsEndpoint() {
        return options().statsEndpoint();
    }

    /** Where the output of the node's processes is served (docs/logs.md), as bound. */
    public String logsEndpoint() {
        options();
        return logs.boundEndpoint();
    }

    /** What the logs endpoint has served and dropped (for metrics and tests). */
    public LogsEndpoint.Counters logsCounters() {
        options();
        return logs.counters();
    }

    public NodeConfig config() {
        return config;
    }

    public boolean isStopped() {
        return state.get() == State.STOPPED;
    }

    /** Completes once the node has ended ({@code quit}, or {@link #close()}). */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Stops every watcher gracefully, then ends the node, as the {@code quit} command does. */
    public CompletableFuture<Void> quit() {
        if (state.get() == State.RUNNING) {
            try {
                host.loop().execute(this::quitOnLoop);
            } catch (CircusException e) {
                LOG.warn("node {}: its loop is closed; its processes could not be stopped", name());
                finish();
            }
        }
        return terminated;
    }

    /**
     * Quits, and waits for it as long as the watchers' graceful stops may take. When quit cannot end in
     * that time (an operation queued before it still runs), every process and its group get SIGKILL and
     * the endpoints are closed: no process outlives its closed node.
     */
    @Override
    public void close() {
        if (state.get() == State.RUNNING) {
            Duration wait = closeWait();
            boolean interrupted = false;
            try {
                quit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                killAndClose();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("node {} did not stop its watchers within {} s (an operation queued before quit still runs); "
                        + "killing its processes with SIGKILL", name(), wait.toSeconds());
                killAndClose();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        finish();
        if (ownsHost) {
            host.close();
        }
    }

    private void quitOnLoop() {
        if (boundNode != null) {
            boundNode.arbiter().quit();
        } else if (state.get() == State.RUNNING) {
            // Asked between start()'s first line and its queuing of the bind: that task comes next.
            host.loop().execute(this::quitOnLoop);
        }
    }

    /** For log lines: the control endpoint bound, or the configured one before. */
    private String name() {
        GlobalOptions o = bound;
        return o == null ? config.circus().endpoint() : o.endpoint();
    }

    private GlobalOptions options() {
        GlobalOptions o = bound;
        if (o == null) {
            throw new IllegalStateException("the node is not started");
        }
        return o;
    }

    /** A graceful stop, as long again for what the processes left in their groups, then deregistration. */
    private Duration closeWait() {
        double longest;
        try {
            longest = host.loop().submit(() -> boundNode == null ? 0.0 : boundNode.arbiter().longestGracefulTimeout());
        } catch (CircusException e) {
            longest = config.watchers().stream().mapToDouble(w -> w.gracefulTimeout()).max().orElse(0);
        }
        return Duration.ofMillis((long) (2 * longest * 1000) + 10_000);
    }

    private void killAndClose() {
        try {
            host.loop().runAndWait(() -> {
                if (boundNode != null) {
                    boundNode.arbiter().killNow();
                    boundNode.close();
                }
            });
        } catch (CircusException e) {
            LOG.error("node {}: its loop did not run the kill ({}); its processes may still run", name(),
                    e.getMessage());
        }
        NodeRegistrar r = registrar;
        if (r != null) {
            r.close();
        }
    }

    private void onQuit() {
        LOG.info("node stopped its watchers; closing its endpoints");
        NodeRegistrar r = registrar;
        if (r == null) {
            closeSoon();
            return;
        }
        // Deregistering waits for ZooKeeper: not on the loop thread.
        Thread deregister = new Thread(() -> {
            try {
                r.close();
            } finally {
                try {
                    host.loop().execute(this::closeSoon);
                } catch (CircusException closed) {
                    finish();
                }
            }
        }, "circusmeta-deregister");
        deregister.setDaemon(true);
        deregister.start();
    }

    private void closeSoon() {
        host.loop().schedule(FLUSH_BEFORE_CLOSE, () -> {
            boundNode.close();
            finish();
        });
    }

    private void finish() {
        state.set(State.STOPPED);
        terminated.complete(null);
    }
}
