package org.circusmeta.node.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.circusmeta.node.process.LaunchSpec;

/**
 * A file that watcher output is appended to, rotated as circus's streams rotate theirs:
 * {@code FileStream} with {@code max_bytes} rolls over before a write that would bring the file to
 * {@code max_bytes} or more, renaming {@code file.N-1} to {@code file.N} down to {@code file} to
 * {@code file.1} (at most {@code backup_count} backups; with none it reopens the same file, as circus
 * does); {@code WatchedFileStream} opens the file again by its name when another program moved or
 * deleted it. Every write goes whole into one file.
 *
 * <p>Not thread-safe: confined to the output pump's thread.
 */
final class RotatingFile implements AutoCloseable {
    private final LaunchSpec.AppendTo spec;
    private FileChannel channel;
    private Object fileKey;
    private long size;

    RotatingFile(LaunchSpec.AppendTo spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    Path path() {
        return spec.file();
    }

    /** Opens (creating) the file, as circus does when the watcher is created. */
    void open() throws IOException {
        Path parent = spec.file().toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new NoSuchFileException(parent.toString(), null, "the directory does not exist");
        }
        channel = FileChannel.open(spec.file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        fileKey = keyOf(spec.file());
    }

    void write(byte[] data, int offset, int length) throws IOException {
        if (channel == null || (spec.reopenWhenMoved() && moved())) {
            reopen();
        }
        if (spec.maxBytes() > 0 && size > 0 && size + length >= spec.maxBytes()) {
            rollOver();
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (buffer.hasRemaining()) {
            size += channel.write(buffer);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing was buffered: every write went to the kernel.
            }
            channel = null;
        }
    }

    private void rollOver() throws IOException {
        close();
        if (spec.backupCount() > 0) {
            for (int i = spec.backupCount() - 1; i >= 1; i--) {
                Path from = backup(i);
                if (Files.exists(from)) {
                    Files.move(from, backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(spec.file(), backup(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path backup(int n) {
        return spec.file().resolveSibling(spec.file().getFileName() + "." + n);
    }

    private boolean moved() {
        try {
            return !Objects.equals(keyOf(spec.file()), fileKey);
        } catch (IOException e) {
            return true;
        }
    }

    private void reopen() throws IOException {
        close();
        open();
    }

    private static Object keyOf(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
