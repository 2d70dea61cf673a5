package org.circusmeta.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says of another process: the kernel's own accounting, the most honest
 * figure for a process the benchmark does not run in.
 *
 * <p>Thread-safe (stateless).
 */
public final class Proc {
    /** USER_HZ: the unit of the CPU times in {@code /proc/PID/stat} (100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private Proc() {}

    /** User + system CPU time of a process, in seconds. */
    public static double cpuSeconds(long pid) {
        return cpuTicks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
    }

    /** CPU seconds of a process's threads whose name starts with the prefix (names are cut at 15 characters). */
    public static double threadCpuSeconds(long pid, String prefix) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).startsWith(prefix)) {
                        ticks += cpuTicks(task.resolve("stat"));
                    }
                } catch (NoSuchFileException | UncheckedIOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** CPU seconds of each of a process's threads, summed by thread name (names cut at 15 characters). */
    public static Map<String, Double> threadsCpuSeconds(long pid) {
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
                    byName.merge(name, cpuTicks(task.resolve("stat")) / TICKS_PER_SECOND, Double::sum);
                } catch (NoSuchFileException | UncheckedIOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    /** A numeric field of {@code /proc/PID/status} ({@code VmRSS} in kB, {@code Threads}...). */
    public static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
    }

    private static long cpuTicks(Path stat) {
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // utime and stime (fields 14 and 15 of stat; 12 and 13 after the command name)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
