package org.circusmeta.node.watcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.node.config.WatcherSpec;
import org.circusmeta.node.process.ChildProcess;
import org.circusmeta.node.process.ChildProcess.Disposition;
import org.circusmeta.node.process.LaunchSpec;
import org.circusmeta.node.process.SpawnException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one watcher brings processes up: up to the target with {@code warmup_delay} between two spawns
 * (a timer, never a sleep), replacement for a graceful reload, and the pause before replacing a
 * process that died young, which doubles from 0.1 s up to the manage period while the deaths go on.
 *
 * <p>Confined to the node's loop thread.
 */
final class Spawner {
    private static final Logger LOG = LoggerFactory.getLogger(Spawner.class);
    private static final double FIRST_PAUSE_SECONDS = 0.1;

    private final Watcher watcher;
    private final WatcherRuntime rt;
    private boolean spawning;
    private SocketLoop.Timer respawnTimer;
    private int youngDeaths;

    Spawner(Watcher watcher, WatcherRuntime rt) {
        this.watcher = watcher;
        this.rt = rt;
    }

    /** Starts one process in the next free worker slot; empty when it could not start. */
    Optional<ChildProcess> spawnOne() {
        if (rt.quitting().getAsBoolean()) {
            LOG.debug("watcher {}: the node is quitting; no process started", watcher.name());
            return Optional.empty();
        }
        WatcherSpec spec = watcher.spec();
        int attempts = Math.max(1, spec.maxRetry() < 0 ? 5 : spec.maxRetry());
        for (int i = 0; i < attempts; i++) {
            ChildProcess p;
            try {
                int wid = nextWid(spec);
                LaunchSpec launch = LaunchSpecs.build(spec, wid);
                p = rt.spawner().spawn(launch, wid);
                rt.capture().attach(watcher.name(), p, launch);
            } catch (RuntimeException e) {
                // Not only SpawnException: a value no check refused (a NUL in working_dir) fails the same way.
                String why = e instanceof SpawnException ? e.getMessage() : "cannot start its command: " + e;
                LOG.warn("watcher {}: {} (attempt {} of {})", watcher.name(), why, i + 1, attempts);
                continue;
            }
            watcher.track(p);
            return Optional.of(p);
        }
        LOG.error("watcher {}: could not start a process after {} attempts; fix the command, then start the watcher",
                watcher.name(), attempts);
        return Optional.empty();
    }

    /** circusd's worker slots: the lowest of 1 to 2 × numprocesses not in use. */
    private int nextWid(WatcherSpec spec) {
        Set<Integer> used = new HashSet<>();
        watcher.processes().forEach(p -> used.add(p.wid()));
        for (int wid = 1; wid <= Math.max(1, spec.numprocesses() * 2); wid++) {
            if (!used.contains(wid)) {
                return wid;
            }
        }
        return used.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    /** Spawns until the watcher tracks its target; completes with the new pids. */
    CompletableFuture<List<Long>> spawnMissing() {
        if (spawning) {
            return CompletableFuture.completedFuture(List.of());
        }
        spawning = true;
        CompletableFuture<List<Long>> done = new CompletableFuture<>();
        step(new ArrayList<>(), done);
        return done.whenComplete((pids, error) -> spawning = false);
    }

    private void step(List<Long> started, CompletableFuture<List<Long>> done) {
        while (watcher.isStartingOrActive() && watcher.trackedCount() < watcher.spec().numprocesses()) {
            Optional<ChildProcess> p = spawnOne();
            if (p.isEmpty()) {
                done.complete(started);
                if (watcher.state() == WatcherState.ACTIVE) {
                    watcher.stop();
                }
                return;
            }
            started.add(p.get().pid());
            double delay = watcher.spec().warmupDelay();
            if (delay > 0 && watcher.trackedCount() < watcher.spec().numprocesses()) {
                rt.loop().schedule(ProcessStopper.seconds(delay), () -> step(started, done));
                return;
            }
        }
        done.complete(started);
    }

    /** Spawns a whole new set, then stops the old processes; completes once they have exited. */
    CompletableFuture<List<Long>> replaceAll(List<ChildProcess> old) {
        List<Long> started = new ArrayList<>();
        for (int i = 0; i < watcher.spec().numprocesses(); i++) {
            spawnOne().ifPresent(p -> started.add(p.pid()));
        }
        List<CompletableFuture<Integer>> exits = new ArrayList<>();
        old.forEach(p -> exits.add(stopQuietly(p)));
        return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).thenApply(v -> started);
    }

    /** Replaces the old processes one at a time, {@code warmup_delay} apart. */
    CompletableFuture<List<Long>> replaceOneByOne(List<ChildProcess> old) {
        CompletableFuture<List<Long>> done = new CompletableFuture<>();
        replaceFrom(old, 0, new ArrayList<>(), done);
        return done;
    }

    private void replaceFrom(List<ChildProcess> old, int index, List<Long> started, CompletableFuture<List<Long>> done) {
        if (index >= old.size()) {
            done.complete(started);
            return;
        }
        stopQuietly(old.get(index)).whenComplete((code, error) -> {
            spawnOne().ifPresent(p -> started.add(p.pid()));
            rt.loop().schedule(ProcessStopper.seconds(watcher.spec().warmupDelay()),
                    () -> replaceFrom(old, index + 1, started, done));
        });
    }

    private CompletableFuture<Integer> stopQuietly(ChildProcess p) {
        return rt.stopper().stop(watcher.name(), p, watcher.spec().stopSignal(), watcher.spec().gracefulTimeout(),
                Disposition.DROP_ON_EXIT, watcher.spec().stopChildren());
    }

    /** After a process died on its own: replaced now, or after a pause when processes keep dying young. */
    void respawnAfterDeath(boolean young) {
        if (!young) {
            youngDeaths = 0;
            watcher.manage();
            return;
        }
        youngDeaths++;
        if (respawnTimer != null) {
            return;
        }
        double pause = Math.min(FIRST_PAUSE_SECONDS * Math.pow(2, Math.min(youngDeaths - 1, 20)),
                rt.checkDelay().toMillis() / 1000.0);
        if (youngDeaths > 3) {
            LOG.warn("watcher {}: its processes keep exiting within a second of starting; next one in {} s",
                    watcher.name(), pause);
        }
        respawnTimer = rt.loop().schedule(Duration.ofMillis((long) (pause * 1000)), () -> {
            respawnTimer = null;
            watcher.manage();
        });
    }

    void cancelRespawn() {
        if (respawnTimer != null) {
            respawnTimer.cancel();
            respawnTimer = null;
        }
        youngDeaths = 0;
    }
}
