package org.circusmeta.node.arbiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.config.WatcherSpec;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.node.watcher.WatcherRuntime;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * circusd's arbiter: the node's watchers and sockets, the operations on all of them at once (start,
 * stop, the whole-arbiter restart, reloadconfig, quit), and the manage pass every {@code check_delay}
 * seconds that brings every active watcher back to its target.
 *
 * <p>Confined to the node's loop thread; the futures it returns complete there.
 */
public final class Arbiter {
    private static final Logger LOG = LoggerFactory.getLogger(Arbiter.class);

    private final WatcherRuntime runtime;
    private final OperationQueue operations = new OperationQueue();
    private final ListeningSockets sockets = new ListeningSockets();
    private final List<Watcher> watchers = new ArrayList<>();
    private final Runnable onQuit;
    private NodeConfig config;
    private SocketLoop.Timer manageTimer;
    private boolean quitting;
    private CompletableFuture<Void> quitDone;

    /** @param onQuit run once {@code quit} has stopped everything */
    public Arbiter(NodeConfig config, WatcherRuntime runtime, Runnable onQuit) {
        this.config = config;
        this.runtime = runtime;
        this.onQuit = onQuit;
    }

    /** Binds the sockets, creates the watchers and starts those with {@code autostart}. */
    public CompletableFuture<Void> start() {
        sockets.sync(config.sockets());
        config.watchers().forEach(spec -> watchers.add(new Watcher(spec, runtime)));
        runtime.processesChanged().run();
        scheduleManage();
        return operations.submit("arbiter_start", this::startAll);
    }

    public NodeConfig config() {
        return config;
    }

    public OperationQueue operations() {
        return operations;
    }

    public ListeningSockets sockets() {
        return sockets;
    }

    public boolean isQuitting() {
        return quitting;
    }

    /** In the order they were configured or added. */
    public List<Watcher> watchers() {
        return List.copyOf(watchers);
    }

    /** circusd's lookup: the name without regard to case. */
    public Optional<Watcher> watcher(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return watchers.stream().filter(w -> w.name().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    public int processCount() {
        return watchers.stream().mapToInt(w -> w.processes().size()).sum();
    }

    /** Starts, highest priority first, every watcher with {@code autostart}, {@code warmup_delay} apart. */
    public CompletableFuture<Void> startAll() {
        List<Watcher> ordered = watchers.stream().filter(w -> w.spec().autostart())
                .sorted(Comparator.comparingInt((Watcher w) -> w.spec().priority()).reversed()).toList();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Watcher w : ordered) {
            chain = chain.thenCompose(v -> w.start()).thenCompose(v -> pause(config.circus().warmupDelay()));
        }
        return chain;
    }

    /** Stops every watcher at once; completes when all are stopped. */
    public CompletableFuture<Void> stopAll() {
        List<CompletableFuture<List<Long>>> stops = new ArrayList<>();
        watchers.forEach(w -> stops.add(w.stop()));
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /** Adds a watcher, stopped, as {@code add} does; the caller checked that the name is free. */
    public Watcher add(WatcherSpec spec) {
        Watcher w = new Watcher(spec, runtime);
        watchers.add(w);
        runtime.events().watcher(spec.name(), "add");
        runtime.processesChanged().run();
        LOG.info("watcher {} added ({})", spec.name(), spec.cmd());
        return w;
    }

    /** Removes a watcher: its processes stopped first, or left running with {@code nostop}. */
    public CompletableFuture<Void> remove(Watcher w, boolean nostop) {
        runtime.events().watcher(w.name(), "remove");
        CompletableFuture<?> stopped;
        if (nostop) {
            w.forget();
            stopped = CompletableFuture.completedFuture(null);
        } else {
            stopped = w.stop();
        }
        return stopped.thenRun(() -> {
            watchers.remove(w);
            runtime.processesChanged().run();
            LOG.info("watcher {} removed", w.name());
        });
    }

    /** {@code restart} with no name: everything stopped, the ini read again, the configured watchers started. */
    public CompletableFuture<Void> restart() {
        return stopAll().thenCompose(v -> {
            config = rereadOrKeep();
            watchers.clear();
            sockets.sync(config.sockets());
            config.watchers().forEach(spec -> watchers.add(new Watcher(spec, runtime)));
            runtime.processesChanged().run();
            LOG.info("arbiter restarted with {} watchers", watchers.size());
            return startAll();
        });
    }

    /** {@code reloadconfig}: watchers and sockets brought in line with the ini read again. */
    public CompletableFuture<Void> reloadConfig() {
        NodeConfig next = config.reread();
        if (!next.circus().equals(config.circus())) {
            LOG.info("the [circus] section changed; restarting the arbiter (endpoints stay bound where they are)");
            return restart();
        }
        CompletableFuture<Void> done = new ConfigChanges(runtime, watchers).apply(next);
        config = next;
        sockets.sync(next.sockets());
        return done;
    }

    /**
     * {@code quit}: from now on the node takes no other operation; once those queued before it are done,
     * every watcher is stopped, the leftover process groups are waited for, then the node is told to end.
     * A second call returns the same future.
     */
    public CompletableFuture<Void> quit() {
        if (quitDone == null) {
            quitting = true;
            quitDone = operations.submit("arbiter_stop", this::stopForQuit);
        }
        return quitDone;
    }

    /** The node could not quit in time: SIGKILL to every process and its process group, now. */
    public void killNow() {
        watchers.forEach(Watcher::killNow);
    }

    public double longestGracefulTimeout() {
        return watchers.stream().mapToDouble(w -> w.spec().gracefulTimeout()).max().orElse(0);
    }

    /** Closes the sockets without stopping anything (the node is closing). */
    public void close() {
        if (manageTimer != null) {
            manageTimer.cancel();
        }
        sockets.close();
    }

    private CompletableFuture<Void> stopForQuit() {
        if (manageTimer != null) {
            manageTimer.cancel();
        }
        return stopAll().thenCompose(v -> runtime.stopper().groupsGone()).whenComplete((v, e) -> {
            sockets.close();
            onQuit.run();
        });
    }

    private NodeConfig rereadOrKeep() {
        try {
            return config.reread();
        } catch (RuntimeException e) {
            LOG.error("could not read the configuration again ({}); restarting with the previous one", e.getMessage());
            return config;
        }
    }

    private void scheduleManage() {
        manageTimer = runtime.loop().schedule(runtime.checkDelay(), () -> {
            if (quitting) {
                return;
            }
            scheduleManage();
            if (!operations.isBusy()) {
                watchers.forEach(Arbiter::manageQuietly);
            }
        });
    }

    /** One watcher's failure must not cost the others their pass, nor end the passes to come. */
    private static void manageQuietly(Watcher w) {
        try {
            w.manage();
        } catch (RuntimeException e) {
            LOG.error("watcher {}: the manage pass failed; it runs again in check_delay: {}", w.name(), e.toString(), e);
        }
    }

    private CompletableFuture<Void> pause(int seconds) {
        if (seconds <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        runtime.loop().schedule(Duration.ofSeconds(seconds), () -> done.complete(null));
        return done;
    }
}
