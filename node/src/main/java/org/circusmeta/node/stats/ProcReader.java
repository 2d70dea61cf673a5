package org.circusmeta.node.stats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux processes read straight from {@code /proc}: one read of {@code /proc/PID/stat} per process and
 * sample. The owner and the command name do not change during a process's life, so they are read once
 * per process (keyed by pid and start time, which a reused pid does not share). The machine's constants
 * (clock ticks, page size, boot time, memory) come from OSHI once.
 *
 * <p>Confined to the sampler thread.
 */
final class ProcReader implements ProcessReader {
    private final double hz;
    private final long pageSize;
    private final long bootTime;
    private final long totalMemory;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);
    private final Map<Long, Identity> identities = new HashMap<>();

    private record Identity(long startTicks, String username, String cmdline) {}

    ProcReader(double hz, long pageSize, long bootTime, long totalMemory) {
        this.hz = hz;
        this.pageSize = pageSize;
        this.bootTime = bootTime;
        this.totalMemory = totalMemory;
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    @Override
    public long totalMemory() {
        return totalMemory;
    }

    @Override
    public Optional<ProcessSample> read(long pid) {
        String stat = readStat(pid);
        if (stat == null) {
            return Optional.empty();
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 22) {
            return Optional.empty();
        }
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        long cutime = Long.parseLong(f[13]);
        long cstime = Long.parseLong(f[14]);
        int nice = Integer.parseInt(f[16]);
        long startTicks = Long.parseLong(f[19]);
        long vsize = Long.parseLong(f[20]);
        long rss = Long.parseLong(f[21]) * pageSize;
        Identity id = identity(pid, startTicks, stat.substring(stat.indexOf('(') + 1, close));
        double createTime = Math.round((bootTime + startTicks / hz) * 100) / 100.0;
        return Optional.of(new ProcessSample(pid, rss, vsize, (utime + stime) / hz,
                (utime + stime + cutime + cstime) / hz, id.username(), nice, createTime, id.cmdline()));
    }

    /** Forgets processes that are gone. */
    void retain(Set<Long> alive) {
        identities.keySet().retainAll(alive);
    }

    private Identity identity(long pid, long startTicks, String comm) {
        Identity known = identities.get(pid);
        if (known != null && known.startTicks() == startTicks) {
            return known;
        }
        Identity id = new Identity(startTicks, owner(pid), cmdline(pid, comm));
        identities.put(pid, id);
        return id;
    }

    private String readStat(long pid) {
        try (FileChannel ch = FileChannel.open(Path.of("/proc", Long.toString(pid), "stat"), StandardOpenOption.READ)) {
            buffer.clear();
            int n = ch.read(buffer);
            return n <= 0 ? null : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    private static String owner(long pid) {
        try {
            return Files.getOwner(Path.of("/proc", Long.toString(pid))).getName();
        } catch (IOException | RuntimeException e) {
            return "N/A";
        }
    }

    private static String cmdline(long pid, String comm) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            if (end == 0) {
                return comm;
            }
            String argv0 = new String(raw, 0, end, StandardCharsets.UTF_8);
            String first = argv0.strip().split("\\s+")[0];
            return first.substring(first.lastIndexOf('/') + 1);
        } catch (IOException e) {
            return comm;
        }
    }
}
