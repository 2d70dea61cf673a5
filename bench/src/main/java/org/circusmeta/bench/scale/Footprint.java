package org.circusmeta.bench.scale;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circusmeta.bench.Proc;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.Response;

/**
 * What the manager's process holds and spends with a given number of nodes attached: heap in use
 * after two full collections (Dropwizard's {@code gc} task, then {@code jvm.memory.heap.used} from
 * {@code /metrics}), resident memory, threads and file descriptors from {@code /proc/PID}, and its CPU
 * time (user + system, from {@code /proc/PID/stat}) over a window in which nobody calls it.
 *
 * @param nodes nodes attached
 * @param heap bytes of heap in use after GC
 * @param rss resident bytes
 * @param threads threads of the process (the JVM's own included)
 * @param fds open file descriptors
 * @param idleCpu share of one core used while idle (0.05 = 5 %)
 */
record Footprint(int nodes, long heap, long rss, int threads, int fds, double idleCpu) {
    /**
     * Lets the manager settle, measures its idle CPU over the window, then the rest. With
     * {@code -Dscale.threads=true}, also prints the idle CPU of each of its threads (for profiling).
     */
    static Footprint measure(ManagerProcess manager, AdminClient admin, int nodes, Duration settle, Duration window)
            throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(settle.toMillis());
        boolean byThread = Boolean.getBoolean("scale.threads");
        Map<String, Double> threadsBefore = byThread ? Proc.threadsCpuSeconds(manager.pid()) : Map.of();
        double cpuBefore = manager.cpuSeconds();
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(window.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        double idle = (manager.cpuSeconds() - cpuBefore) / seconds;
        if (byThread) {
            printByThread(nodes, threadsBefore, Proc.threadsCpuSeconds(manager.pid()), seconds);
        }
        long heap = heapAfterGc(admin);
        return new Footprint(nodes, heap, manager.rssBytes(), manager.threads(), manager.fileDescriptors(), idle);
    }

    /** Runs Dropwizard's {@code gc} task (System.gc) twice, then reads the heap in use from {@code /metrics}. */
    private static long heapAfterGc(AdminClient admin) {
        for (int i = 0; i < 2; i++) {
            Response gc = admin.task("gc", Map.of());
            if (!gc.isSuccess()) {
                throw new IllegalStateException("the manager's gc task answered " + gc.status() + ": " + gc.body());
            }
        }
        return admin.metrics().path("gauges").path("jvm.memory.heap.used").path("value").asLong();
    }

    private static void printByThread(int nodes, Map<String, Double> before, Map<String, Double> after, double seconds) {
        StringBuilder top = new StringBuilder("  idle CPU by thread, " + nodes + " nodes:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / seconds))
                .filter(e -> e.getValue() > 0.001)
                .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> top.append(String.format(Locale.ROOT, " %s %.1f%%", e.getKey(), e.getValue() * 100)));
        System.out.println(top);
    }

    /** Heap bytes per node beyond the footprint with none. */
    double heapPerNode(Footprint none) {
        return (heap - none.heap) / (double) Math.max(1, nodes - none.nodes);
    }

    double rssPerNode(Footprint none) {
        return (rss - none.rss) / (double) Math.max(1, nodes - none.nodes);
    }

    double fdsPerNode(Footprint none) {
        return (fds - none.fds) / (double) Math.max(1, nodes - none.nodes);
    }
}
