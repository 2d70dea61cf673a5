package org.circusmeta.registration.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.circusmeta.protocol.logs.LineSplitter;

/**
 * Follows one log file by its name, as {@code tail -F} does, across the rotations of circus's file
 * streams: a file renamed away ({@code FileStream} with {@code max_bytes}, {@code TimedRotatingFileStream},
 * logrotate behind a {@code WatchedFileStream}) is read to its end, then the new file of that name
 * from its start; a file truncated in place ({@code copytruncate}) is read again from its start. The
 * first time it finds the file, it starts with its last lines (at most {@code primeBytes} of them),
 * so that a tail has something to show at once.
 *
 * <p>What it cannot do: a file that rotates twice between two polls loses what the middle file held
 * (the poll is every 200 ms, so that is a watcher writing more than {@code max_bytes} in 200 ms).
 *
 * <p>Not thread-safe: confined to the agent's tail thread.
 */
final class FileTail implements AutoCloseable {
    private static final int READ_BYTES = 64 * 1024;
    private static final long POLL_BUDGET = 4L << 20;

    private final Path path;
    private final long primeBytes;
    private final LineSplitter splitter = new LineSplitter();
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BYTES);
    private FileChannel channel;
    private Object key;
    private long position;
    private boolean firstLook = true;

    FileTail(Path path, long primeBytes) {
        this.path = Objects.requireNonNull(path, "path");
        this.primeBytes = primeBytes;
    }

    Path path() {
        return path;
    }

    /**
     * The lines written since the last poll, oldest first.
     *
     * @throws IOException when the file exists but cannot be read (permissions)
     */
    List<String> poll() throws IOException {
        List<String> lines = new ArrayList<>();
        if (channel == null && !open(lines)) {
            return lines;
        }
        long budget = readToEnd(lines, POLL_BUDGET);
        Object current = keyOf(path);
        if (current == null || budget <= 0) {
            return lines;
        }
        if (!current.equals(key)) {
            // Rotated: whatever was written to the old file before it was renamed, then the new one.
            readToEnd(lines, Long.MAX_VALUE);
            splitter.finish(lines::add);
            close();
            if (open(lines)) {
                readToEnd(lines, budget);
            }
        } else if (channel.size() < position) {
            // Truncated in place: start over.
            position = 0;
            splitter.reset();
            readToEnd(lines, budget);
        }
        return lines;
    }

    /** Opens the file by its name; the first time, starts with its last lines. False when it is not there. */
    private boolean open(List<String> lines) throws IOException {
        Object before = keyOf(path);
        if (before == null) {
            firstLook = false;
            return false;
        }
        FileChannel c;
        try {
            c = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!before.equals(keyOf(path))) {
            // Replaced between the look and the open: open the new one at the next poll.
            c.close();
            return false;
        }
        channel = c;
        key = before;
        position = 0;
        if (firstLook) {
            firstLook = false;
            prime(lines);
        }
        return true;
    }

    private void prime(List<String> lines) throws IOException {
        long size = channel.size();
        position = Math.max(0, size - primeBytes);
        List<String> primed = new ArrayList<>();
        readToEnd(primed, Long.MAX_VALUE);
        if (position > 0 && size > primeBytes && !primed.isEmpty()) {
            // The first line was cut by where priming started.
            primed.remove(0);
        }
        lines.addAll(primed);
    }

    /** Reads from the position to the end (or the budget); returns what is left of the budget. */
    private long readToEnd(List<String> lines, long budget) throws IOException {
        long left = budget;
        while (left > 0) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            position += n;
            left -= n;
            splitter.feed(buffer.array(), 0, n, lines::add);
        }
        return left;
    }

    private static Object keyOf(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // A read-only channel has nothing to lose.
            }
            channel = null;
        }
    }
}
