package org.circusmeta.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every process the benchmark's JVM started, ended when the JVM ends before the suites could end
 * them (Ctrl-C, SIGTERM). The nodes hosted in this JVM die with it, and the processes they
 * supervised, each in a session of its own, would outlive them; so would the managers and nodes
 * started in JVMs of their own. So on the way out: first the registered owners of processes (the
 * in-process nodes) are closed, which stops their processes and keeps them from spawning new ones;
 * then every process still descending from this JVM gets SIGTERM, and SIGKILL after a grace period.
 *
 * <p>Thread-safe.
 */
public final class StartedProcesses {
    private static final long GRACE_MILLIS = 10_000;
    private static final Set<AutoCloseable> OWNERS = ConcurrentHashMap.newKeySet();

    private StartedProcesses() {}

    /** Runs the clean-up when the JVM ends, normally or by a signal. */
    static void endAllOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(StartedProcesses::endAll, "bench-end-processes"));
    }

    /** Closes this owner of processes (its {@code close()} idempotent) if the JVM ends first; returns it. */
    public static <T extends AutoCloseable> T closeOnExit(T owner) {
        OWNERS.add(owner);
        return owner;
    }

    /** The owner was closed by its suite: nothing left to do for it. */
    public static void closed(AutoCloseable owner) {
        OWNERS.remove(owner);
    }

    static void endAll() {
        List.copyOf(OWNERS).parallelStream().forEach(StartedProcesses::closeQuietly);
        List<ProcessHandle> running = ProcessHandle.current().descendants().toList();
        if (running.isEmpty()) {
            return;
        }
        System.err.println("scripts/bench: ending what it started that still runs (" + running.size() + " processes)");
        running.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (ProcessHandle p : running) {
            try {
                p.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private static void closeQuietly(AutoCloseable owner) {
        try {
            owner.close();
        } catch (Exception | Error e) {
            System.err.println("scripts/bench: could not close " + owner + ": " + e);
        }
    }
}
