package org.circusmeta.manager.zookeeper;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server inside the manager's JVM, through ZooKeeper's own embedded API, its
 * data kept in {@code dataDir} across restarts. Its exit handler only logs: a failing ZooKeeper
 * server must never call {@code System.exit} on the manager.
 *
 * <p>Thread-safe. Lifecycle: the constructor does no I/O (a port 0 is resolved to a free port here,
 * so that the connect string is known before start); {@link #start()} once; {@link #close()}
 * idempotent.
 */
public final class EmbeddedZooKeeper implements Managed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final long START_TIMEOUT_MS = 30_000;

    private enum State { NEW, RUNNING, CLOSED }

    private final String host;
    private final int port;
    private final Path dataDir;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private ZooKeeperServerEmbedded server;
    private Path configDir;

    public EmbeddedZooKeeper(String host, int port, Path dataDir) {
        this.host = host;
        this.port = port == 0 ? freePort(host) : port;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public String connectString() {
        return (host.contains(":") ? "[" + host + "]" : host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("the embedded ZooKeeper server was already started");
        }
        Properties properties = new Properties();
        properties.setProperty("clientPort", Integer.toString(port));
        properties.setProperty("clientPortAddress", host);
        properties.setProperty("dataDir", dataDir.toString());
        properties.setProperty("tickTime", "2000");
        properties.setProperty("maxClientCnxns", "0");
        properties.setProperty("admin.enableServer", "false");
        try {
            Files.createDirectories(dataDir);
            configDir = Files.createTempDirectory("circusmeta-zookeeper");
            server = ZooKeeperServerEmbedded.builder()
                    .baseDir(configDir)
                    .configuration(properties)
                    .exitHandler(ExitHandler.LOG_ONLY)
                    .build();
            server.start(START_TIMEOUT_MS);
        } catch (Exception e) {
            throw new EmbeddedZooKeeperException("the embedded ZooKeeper server could not start on " + connectString()
                    + " with data in " + dataDir + ": " + e.getMessage()
                    + "; free the port or set zookeeper.embedded.port, or point zookeeper.connect at a running ensemble", e);
        }
        LOG.info("embedded ZooKeeper server listening on {}, data in {}", connectString(), dataDir);
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        if (server != null) {
            server.close();
        }
        deleteQuietly(configDir);
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host + " for the embedded ZooKeeper server", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
