package org.circusmeta.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.circusmeta.bench.Proc;

/**
 * The manager as an operator runs it: {@code manager/target/circusmeta-manager.jar server config.yml}
 * in a JVM of its own, with the same JVM options as {@code scripts/circusmeta-manager} (none) and
 * configuration overrides as {@code -Ddw.KEY=VALUE}, so that its heap, RSS, threads and CPU are its
 * own and nothing of the nodes'. Its log is read as it is written (and kept in a file): each node's
 * attachment, loss and departure is timed when its line arrives, see {@link NodeStates}.
 *
 * <p>Thread-safe: the log is read on a thread of its own.
 */
final class ManagerProcess implements AutoCloseable {
    private static final Path JAR = Path.of("manager", "target", "circusmeta-manager.jar");

    private final Process process;
    private final long startedAt;
    private final NodeStates states = new NodeStates();
    private final List<Watch> watches = new ArrayList<>();
    private final Thread reader;

    private record Watch(Predicate<String> line, CompletableFuture<Long> seen) {}

    private record Line(String text, long nanos) {}

    private final List<Line> history = new ArrayList<>();

    private ManagerProcess(Process process, long startedAt, Path log) {
        this.process = process;
        this.startedAt = startedAt;
        this.reader = new Thread(() -> read(log), "bench-manager-log");
        reader.setDaemon(true);
    }

    /** Starts the manager with the repository's config.yml and these overrides; returns at once. */
    static ManagerProcess start(Map<String, String> overrides, Path log) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it with 'mvn -B -q -DskipTests -pl manager -am package'");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // For profiling only, e.g. -Dscale.managerJvm=-XX:StartFlightRecording=filename=manager.jfr
        String jvm = System.getProperty("scale.managerJvm", "").strip();
        if (!jvm.isEmpty()) {
            command.addAll(List.of(jvm.split("\\s+")));
        }
        overrides.forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString(), "server", "config.yml"));
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ManagerProcess manager = new ManagerProcess(process, start, log);
            manager.reader.start();
            return manager;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the manager: " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startedAt() {
        return startedAt;
    }

    NodeStates states() {
        return states;
    }

    /** Completes with the arrival time of the first log line since the start that matches. */
    CompletableFuture<Long> whenLogged(Predicate<String> line) {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        synchronized (watches) {
            for (Line earlier : history) {
                if (line.test(earlier.text())) {
                    seen.complete(earlier.nanos());
                    return seen;
                }
            }
            watches.add(new Watch(line, seen));
        }
        return seen;
    }

    private void read(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                states.read(line, now);
                synchronized (watches) {
                    history.add(new Line(line, now));
                    for (Watch w : List.copyOf(watches)) {
                        if (w.line().test(line)) {
                            w.seen().complete(now);
                            watches.remove(w);
                        }
                    }
                }
                out.println(line);
                out.flush();
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Resident memory, from /proc/PID/status. */
    long rssBytes() {
        return Proc.statusField(pid(), "VmRSS") * 1024;
    }

    int threads() {
        return (int) Proc.statusField(pid(), "Threads");
    }

    int fileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User + system CPU time of the whole process, in seconds. */
    double cpuSeconds() {
        return Proc.cpuSeconds(pid());
    }

    /** CPU seconds of the process's threads whose name starts with the prefix. */
    double threadCpuSeconds(String prefix) {
        return Proc.threadCpuSeconds(pid(), prefix);
    }

    /** SIGTERM, as an operator stops it; waits for the JVM to end. */
    void stop() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
