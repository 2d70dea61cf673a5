package org.circusmeta.node.arbiter;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the file descriptor number of a listening socket the JVM opened, which Java does not expose:
 * the socket's inode from {@code /proc/net/{tcp,tcp6,unix}}, then the descriptor in
 * {@code /proc/self/fd} that points at that inode. Linux only; empty elsewhere.
 *
 * <p>Thread-safe (stateless).
 */
final class SocketFds {
    private static final String LISTEN = "0A";

    private SocketFds() {}

    static Optional<Integer> find(ServerSocketChannel channel, int port, Optional<String> path) {
        try {
            Optional<String> inode = path.isPresent() ? unixInode(path.get()) : tcpInode(port);
            return inode.flatMap(SocketFds::fdFor);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> tcpInode(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                    return Optional.of(f[9]);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unixInode(String path) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/unix"), StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 7 && f[7].equals(path)) {
                return Optional.of(f[6]);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> fdFor(String inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target)) {
                        return Optional.of(Integer.parseInt(fd.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the descriptor closed while we looked: not ours
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
