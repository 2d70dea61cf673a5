package org.circusmeta.node.watcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.circusmeta.node.config.OptionRules;
import org.circusmeta.node.config.WatcherSpec;
import org.circusmeta.node.process.ChildProcess;
import org.circusmeta.node.process.ChildProcess.Disposition;
import org.circusmeta.node.process.Signals;
import org.circusmeta.protocol.CircusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher: a command run as {@code numprocesses} OS processes, kept at that number. Its states and
 * events follow circusd's watcher (docs/protocol.md), with one difference: a process that dies is
 * noticed at once, through {@link Process#onExit()}, and replaced at once (a process that keeps dying
 * young is replaced after a growing pause, at most the manage period), where circusd notices at its
 * next {@code check_delay} tick.
 *
 * <p>Confined to the node's loop thread: every method, and every future it returns completes there.
 */
public final class Watcher {
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final double YOUNG_DEATH_SECONDS = 1.0;

    private final WatcherRuntime rt;
    private final Map<Long, ChildProcess> processes = new LinkedHashMap<>();
    private final Spawner spawner;
    private WatcherSpec spec;
    private WatcherSpec configured;
    private WatcherState state = WatcherState.STOPPED;
    private boolean busy;
    private CompletableFuture<List<Long>> stopping;

    public Watcher(WatcherSpec spec, WatcherRuntime rt) {
        this.spec = spec;
        this.configured = spec;
        this.rt = rt;
        this.spawner = new Spawner(this, rt);
    }

    public String name() {
        return spec.name();
    }

    public WatcherSpec spec() {
        return spec;
    }

    /** The configuration it was created with, before any {@code set}: what {@code reloadconfig} compares. */
    public WatcherSpec configured() {
        return configured;
    }

    public WatcherState state() {
        return state;
    }

    /** Every process it tracks, in spawn order, including those being stopped. */
    public List<ChildProcess> processes() {
        return List.copyOf(processes.values());
    }

    public Optional<ChildProcess> process(long pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    /** The pids of the processes it tracks, in spawn order. */
    public List<Long> pids() {
        return new ArrayList<>(processes.keySet());
    }

    public CompletableFuture<PidChanges> start() {
        if (state != WatcherState.STOPPED) {
            return CompletableFuture.completedFuture(PidChanges.started(List.of(), pids()));
        }
        state = WatcherState.STARTING;
        busy = true;
        return spawner.spawnMissing().thenApply(started -> {
            busy = false;
            if (state != WatcherState.STARTING) {
                return PidChanges.started(started, List.of());
            }
            if (processes.isEmpty() && spec.numprocesses() > 0) {
                state = WatcherState.STOPPED;
                rt.events().watcher(name(), "stop");
                return PidChanges.started(List.of(), List.of());
            }
            state = WatcherState.ACTIVE;
            rt.events().watcher(name(), "start");
            LOG.info("watcher {} started ({} processes)", name(), processes.size());
            return PidChanges.started(started, List.of());
        });
    }

    /** Stops every process gracefully; completes with their pids once all have exited. */
    public CompletableFuture<List<Long>> stop() {
        if (state == WatcherState.STOPPED) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (stopping != null) {
            return stopping;
        }
        spawner.cancelRespawn();
        state = WatcherState.STOPPING;
        busy = true;
        List<ChildProcess> all = processes();
        List<CompletableFuture<Integer>> exits = new ArrayList<>();
        for (ChildProcess p : all) {
            exits.add(rt.stopper().stop(name(), p, spec.stopSignal(), spec.gracefulTimeout(), Disposition.REAP_ON_EXIT,
                    spec.stopChildren()));
        }
        CompletableFuture<List<Long>> done = CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).thenApply(v -> {
            busy = false;
            stopping = null;
            state = WatcherState.STOPPED;
            rt.events().watcher(name(), "stop");
            LOG.info("watcher {} stopped", name());
            return all.stream().map(ChildProcess::pid).toList();
        });
        stopping = done;
        return done;
    }

    public CompletableFuture<PidChanges> restart() {
        return stop().thenCompose(stopped -> start().thenApply(s -> new PidChanges(stopped, s.started(), s.kept())));
    }

    /** circusd's graceful reload: new processes first, then the old ones stopped (or one by one). */
    public CompletableFuture<PidChanges> reload(boolean graceful, boolean sequential) {
        if (!graceful) {
            return restart();
        }
        if (state == WatcherState.STOPPED) {
            return start();
        }
        if (spec.sendHup()) {
            processes.values().forEach(p -> p.signal(Signals.SIGHUP));
            rt.events().watcher(name(), "reload");
            return CompletableFuture.completedFuture(PidChanges.started(List.of(), pids()));
        }
        busy = true;
        List<ChildProcess> old = processes.values().stream().filter(p -> !p.isStopping()).toList();
        CompletableFuture<List<Long>> replaced = sequential ? spawner.replaceOneByOne(old) : spawner.replaceAll(old);
        return replaced.thenApply(started -> {
            busy = false;
            rt.events().watcher(name(), "reload");
            return new PidChanges(old.stream().map(ChildProcess::pid).toList(), started, List.of());
        });
    }

    /** {@code reloadconfig} found only the number of processes changed in the file. */
    public void reconfigure(WatcherSpec next) {
        configured = next;
        setNumprocesses(next.numprocesses());
    }

    /** Changes the target; spawns or stops processes to reach it when active. */
    public int setNumprocesses(int n) {
        spec = spec.withNumprocesses(n);
        manage();
        return spec.numprocesses();
    }

    /** Applies checked {@code set} options, one {@code updated} event each, then the follow-up they need. */
    public CompletableFuture<Void> applyOptions(Map<String, JsonNode> options) {
        OptionRules.FollowUp followUp = OptionRules.FollowUp.MANAGE;
        for (Map.Entry<String, JsonNode> e : options.entrySet()) {
            OptionRules.Applied applied = OptionRules.set(spec, e.getKey(), e.getValue());
            spec = applied.spec();
            rt.events().watcher(name(), "updated");
            if (applied.followUp() == OptionRules.FollowUp.RELOAD) {
                followUp = OptionRules.FollowUp.RELOAD;
            }
        }
        if (followUp == OptionRules.FollowUp.RELOAD && state != WatcherState.STOPPED) {
            return reload(true, false).thenApply(c -> null);
        }
        return manage();
    }

    /** The {@code kill} command: a signal, SIGKILL after the timeout; the processes are replaced once gone. */
    public CompletableFuture<Void> kill(Optional<ChildProcess> one, int signal, double gracefulSeconds) {
        List<ChildProcess> targets = one.map(List::of)
                .orElseGet(() -> processes.values().stream().filter(p -> !p.isStopping()).toList());
        List<CompletableFuture<Integer>> exits = new ArrayList<>();
        for (ChildProcess p : targets) {
            exits.add(rt.stopper().stop(name(), p, signal, gracefulSeconds, Disposition.DROP_ON_EXIT, spec.stopChildren()));
        }
        return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
    }

    /** {@code rm} with {@code nostop}: the processes keep running, unmanaged. */
    public void forget() {
        spawner.cancelRespawn();
        processes.values().forEach(p -> p.dispose(Disposition.FORGOTTEN));
        processes.clear();
        state = WatcherState.STOPPED;
        rt.processesChanged().run();
    }

    /** The node could not stop gracefully in time: SIGKILL to every process and its group, now. */
    public void killNow() {
        spawner.cancelRespawn();
        for (ChildProcess p : processes.values()) {
            p.dispose(Disposition.REAP_ON_EXIT);
            try {
                p.signal(Signals.SIGKILL);
                p.signalGroup(Signals.SIGKILL);
            } catch (IllegalStateException e) {
                LOG.warn("watcher {}: {}", name(), e.getMessage());
            }
        }
        state = WatcherState.STOPPED;
    }

    /**
     * circusd's {@code manage_processes}: spawn up to the target when {@code respawn} is on, stop the
     * oldest processes above it, recycle those older than {@code max_age}. Completes when the stopped
     * ones have exited.
     */
    public CompletableFuture<Void> manage() {
        if (state != WatcherState.ACTIVE || busy) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Integer>> exits = new ArrayList<>(recycleOld());
        if (spec.respawn() && processes.size() < spec.numprocesses()) {
            spawner.spawnMissing();
        }
        if (processes.size() > spec.numprocesses()) {
            List<ChildProcess> newestFirst = processes.values().stream()
                    .sorted(Comparator.comparingDouble(ChildProcess::started).reversed()).toList();
            for (ChildProcess p : newestFirst.subList(spec.numprocesses(), newestFirst.size())) {
                if (!p.isStopping()) {
                    exits.add(rt.stopper().stop(name(), p, spec.stopSignal(), spec.gracefulTimeout(),
                            Disposition.DROP_ON_EXIT, spec.stopChildren()));
                }
            }
        }
        return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
    }

    private List<CompletableFuture<Integer>> recycleOld() {
        if (spec.maxAge() <= 0) {
            return List.of();
        }
        double limit = spec.maxAge() + ThreadLocalRandom.current().nextInt(spec.maxAgeVariance() + 1);
        double now = System.currentTimeMillis() / 1000.0;
        List<CompletableFuture<Integer>> exits = new ArrayList<>();
        for (ChildProcess p : processes()) {
            if (!p.isStopping() && now - p.started() > limit) {
                exits.add(rt.stopper().stop(name(), p, spec.stopSignal(), spec.gracefulTimeout(), Disposition.DROP_ON_EXIT,
                        spec.stopChildren()));
            }
        }
        return exits;
    }

    boolean isStartingOrActive() {
        return state == WatcherState.STARTING || state == WatcherState.ACTIVE;
    }

    int trackedCount() {
        return processes.size();
    }

    /** Takes a freshly spawned process under supervision. */
    void track(ChildProcess p) {
        processes.put(p.pid(), p);
        rt.events().spawn(name(), p.pid(), p.started());
        p.onExit().whenComplete((proc, error) -> handOver(p));
        rt.processesChanged().run();
    }

    private void handOver(ChildProcess p) {
        try {
            rt.loop().execute(() -> onExit(p));
        } catch (CircusException closed) {
            LOG.debug("watcher {}: process {} exited after the node closed", name(), p.pid());
        }
    }

    private void onExit(ChildProcess p) {
        int code = p.circusExitCode();
        boolean tracked = processes.remove(p.pid()) != null;
        Disposition d = p.disposition();
        if (tracked && (d == Disposition.RUNNING || d == Disposition.REAP_ON_EXIT)) {
            rt.events().reap(name(), p.pid(), code);
        }
        if (d == Disposition.RUNNING && tracked) {
            LOG.info("watcher {}: process {} exited on its own (exit code {})", name(), p.pid(), code);
        }
        rt.stopper().afterExit(p, spec.stopSignal(), spec.gracefulTimeout());
        p.markExited(code);
        rt.processesChanged().run();
        if (tracked) {
            afterDeath(p);
        }
    }

    private void afterDeath(ChildProcess p) {
        if (state != WatcherState.ACTIVE || busy) {
            return;
        }
        if (!spec.respawn()) {
            if (processes.isEmpty()) {
                LOG.info("watcher {}: no process left and respawn is off; stopping it", name());
                stop();
            }
            return;
        }
        if (p.disposition() == Disposition.RUNNING) {
            spawner.respawnAfterDeath(System.currentTimeMillis() / 1000.0 - p.started() < YOUNG_DEATH_SECONDS);
        } else {
            manage();
        }
    }

    @Override
    public String toString() {
        return "watcher " + name() + " (" + state.wireName() + ", " + processes.size() + " processes)";
    }
}
