package org.circusmeta.manager.logs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * One {@link LogsClient} per node, opened on first use and kept while the node stays: the tails and the
 * follows of every reader share it, so a follow registered on it comes before a tail asked after it (one
 * connection keeps the order). A node whose logs endpoint changes gets a new client; {@link #drop} closes
 * a node's client when it leaves (which ends its follows).
 *
 * <p>Thread-safe. {@link #client} waits for the loop to open the socket: never call it on the loop's
 * thread or while holding a lock that the loop's listeners take. Lifecycle: {@link #close()} is
 * idempotent and closes every client.
 */
public final class LogsClients implements AutoCloseable {
    private record Open(String endpoint, LogsClient client) {}

    private final SocketLoop loop;
    private final Map<String, Open> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public LogsClients(SocketLoop loop) {
        this.loop = loop;
    }

    /** The node's client for this endpoint, started. */
    LogsClient client(String node, String endpoint) {
        if (closed) {
            throw new IllegalStateException("the manager is stopping: it reads no more logs");
        }
        Open open = clients.compute(node, (name, existing) -> {
            if (existing != null && existing.endpoint().equals(endpoint)) {
                return existing;
            }
            if (existing != null) {
                existing.client().close();
            }
            LogsClient client = new LogsClient(loop, endpoint, name);
            client.start();
            return new Open(endpoint, client);
        });
        return open.client();
    }

    /** Closes the node's client, if it has one. */
    void drop(String node) {
        Open open = clients.remove(node);
        if (open != null) {
            open.client().close();
        }
    }

    @Override
    public void close() {
        closed = true;
        clients.keySet().forEach(this::drop);
    }
}
