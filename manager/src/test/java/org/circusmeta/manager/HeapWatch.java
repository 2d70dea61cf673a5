package org.circusmeta.manager;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a test's JVM holds while something runs: the heap used after a collection at the start and at
 * the stop, and the highest value a gauge of held bytes took, sampled every 5 ms. Thread-safe.
 */
final class HeapWatch {
    /** The heap's growth (after a collection each time) and the gauge's highest value. */
    record Peak(long heapGrowth, long bufferedBytes) {}

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long heapBefore;
    private final AtomicLong highest = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-watch");
        t.setDaemon(true);
        return t;
    });

    private HeapWatch(long heapBefore, LongSupplier gauge) {
        this.heapBefore = heapBefore;
        sampler.scheduleAtFixedRate(() -> highest.accumulateAndGet(gauge.getAsLong(), Math::max), 0, 5,
                TimeUnit.MILLISECONDS);
    }

    static HeapWatch start(LongSupplier gauge) {
        return new HeapWatch(usedAfterCollection(), gauge);
    }

    /** Stops sampling (again: idempotent) and says what it saw. */
    Peak stop() {
        sampler.shutdownNow();
        return new Peak(usedAfterCollection() - heapBefore, highest.get());
    }

    private static long usedAfterCollection() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
