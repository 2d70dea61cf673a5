package org.circusmeta.bench.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circusmeta.bench.Proc;

/**
 * A process started by one of the repository's launchers ({@code scripts/...}), which exec their JVM:
 * the process is the JVM, and what {@code /proc} says of it is the JVM's own.
 *
 * <p>Thread-safe.
 */
final class Launched implements AutoCloseable {
    private final Process process;
    private final long startedAt;

    private Launched(Process process, long startedAt) {
        this.process = process;
        this.startedAt = startedAt;
    }

    /** Starts the launcher with these arguments (and extra environment), its output to the log; returns at once. */
    static Launched start(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            return new Launched(builder.start(), start);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the launcher was started. */
    long startedAt() {
        return startedAt;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What it holds and spends now, and its CPU over a window in which nobody asks anything of it. */
    Footprint idle(long windowMillis) throws InterruptedException {
        double before = Proc.cpuSeconds(pid());
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(windowMillis);
        double cpu = (Proc.cpuSeconds(pid()) - before) / ((System.nanoTime() - start) / 1e9);
        return new Footprint(Proc.statusField(pid(), "VmRSS") * 1024, Proc.statusField(pid(), "RssAnon") * 1024,
                (int) Proc.statusField(pid(), "Threads"), cpu);
    }

    /** SIGTERM, as circusd or systemd stops it; waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param rss resident bytes (VmRSS)
     * @param anonymous of which not backed by a file (RssAnon): the rest is the JVM's library and the class-data archive, shared
     * @param threads threads of the process
     * @param idleCpu share of one core while idle (0.002 = 0.2 %)
     */
    record Footprint(long rss, long anonymous, int threads, double idleCpu) {}
}
