package org.circusmeta.node.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import oshi.SystemInfo;
import oshi.software.os.linux.LinuxOperatingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the processes of every registered node once a second, on one thread of its own however many
 * nodes share it, each pid read once per second: cpu % since the previous sample (psutil's
 * {@code cpu_percent}), memory, CPU time, owner, nice, age. Publishes each node's stats stream, and
 * answers the {@code stats} and {@code dstats} commands (their cpu % is the last sample's).
 *
 * <p>Thread-safe: call from any thread. Sampling state is confined to the {@code circusmeta-stats}
 * thread. Lifecycle: {@link #start()} once, {@link #close()} idempotent.
 */
public final class ProcessSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSampler.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final List<StatsStream> streams = new CopyOnWriteArrayList<>();
    private final long periodMillis;
    private ScheduledExecutorService thread;

    // Sampler-thread state.
    private ProcessReader reader;
    private final Map<Long, double[]> marks = new HashMap<>();
    private final Map<Long, Double> lastCpu = new HashMap<>();

    public ProcessSampler() {
        this(1_000);
    }

    ProcessSampler(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("the process sampler was already started");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "circusmeta-stats");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::openReader);
        thread.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    public void register(StatsStream stream) {
        streams.add(stream);
    }

    public void unregister(StatsStream stream) {
        streams.remove(stream);
    }

    /** The info of each pid still alive (with its direct children's when asked), keyed by pid. */
    public CompletableFuture<Map<Long, ObjectNode>> infos(List<Long> pids, boolean withChildren) {
        return onThread(() -> {
            Map<Long, ObjectNode> out = new LinkedHashMap<>();
            double now = System.currentTimeMillis() / 1000.0;
            for (long pid : pids) {
                info(pid, now).ifPresent(info -> {
                    if (withChildren) {
                        ArrayNode children = info.putArray("children");
                        ProcessHandle.of(pid).ifPresent(h -> h.children()
                                .forEach(c -> info(c.pid(), now).ifPresent(children::add)));
                    }
                    out.put(pid, info);
                });
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.RUNNING) {
            thread.shutdownNow();
        }
    }

    private <T> CompletableFuture<T> onThread(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException | NullPointerException e) {
            result.completeExceptionally(new IllegalStateException("the process sampler is not running"));
        }
        return result;
    }

    private Optional<ObjectNode> info(long pid, double now) {
        return reader.read(pid).map(s -> ProcessInfo.json(s, lastCpu.getOrDefault(pid, 0.0), reader.totalMemory(), now));
    }

    private void openReader() {
        SystemInfo system = new SystemInfo();
        if (ProcReader.available()) {
            reader = new ProcReader(LinuxOperatingSystem.getHz(), LinuxOperatingSystem.getPageSize(),
                    system.getOperatingSystem().getSystemBootTime(), system.getHardware().getMemory().getTotal());
        } else {
            reader = new OshiReader(system);
        }
    }

    private void tick() {
        try {
            Set<Long> pids = new HashSet<>();
            streams.forEach(s -> pids.addAll(s.pids()));
            long nanos = System.nanoTime();
            double now = System.currentTimeMillis() / 1000.0;
            Map<Long, ObjectNode> infos = new HashMap<>();
            for (long pid : pids) {
                reader.read(pid).ifPresent(s -> infos.put(pid,
                        ProcessInfo.json(s, cpuPercent(s, nanos), reader.totalMemory(), now)));
            }
            marks.keySet().retainAll(pids);
            lastCpu.keySet().retainAll(pids);
            if (reader instanceof ProcReader proc) {
                proc.retain(pids);
            }
            for (StatsStream s : streams) {
                s.publish(infos);
            }
        } catch (RuntimeException e) {
            LOG.warn("stats sampling failed this second; it goes on: {}", e.toString(), e);
        }
    }

    /** psutil's cpu_percent: 0.0 at the first sample of a process (a pid taken again is a new one). */
    double cpuPercent(ProcessSample s, long nanos) {
        double[] mark = marks.put(s.pid(), new double[] {s.cpuSeconds(), nanos, s.createTime()});
        double percent = 0.0;
        if (mark != null && mark[2] == s.createTime() && nanos > mark[1]) {
            percent = Math.max(0.0, Math.round((s.cpuSeconds() - mark[0]) / ((nanos - mark[1]) / 1e9) * 1000) / 10.0);
        }
        lastCpu.put(s.pid(), percent);
        return percent;
    }
}
