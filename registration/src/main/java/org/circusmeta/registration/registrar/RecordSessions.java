package org.circusmeta.registration.registrar;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * Where registrars with ZooKeeper ACLs on get the ZooKeeper sessions that hold their records: one
 * identity's sessions, opened from its settings. {@link #start()} opens one ahead, which connects and
 * reads {@code /nodes} while the daemon starts, so that the first registration does not wait for a
 * ZooKeeper handshake; later ones are opened when a registration ends its session (its daemon fell
 * silent), long before the daemon answers again. The registrars of a process share one (they share
 * the identity of their client).
 *
 * <p>Thread-safe. Lifecycle: the constructor does no I/O; {@link #start()} opens the first session
 * (once; without it, the first registrar opens one itself); {@link #close()} closes the session kept
 * ahead (the ones handed out are their registrars'), idempotent; close it after the registrars,
 * before their client.
 */
public final class RecordSessions implements AutoCloseable {
    private final ZooKeeperSettings settings;
    private RecordSession ahead;
    private boolean started;
    private boolean closed;

    /**
     * @throws IllegalArgumentException when the settings have no identity
     */
    public RecordSessions(ZooKeeperSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.credentials().isEmpty()) {
            throw new IllegalArgumentException("record sessions need an identity: give the settings credentials");
        }
        this.settings = settings;
    }

    public ZooKeeperSettings settings() {
        return settings;
    }

    /** Opens the first session ahead, so that it is up by the time the daemon answers; returns at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the record sessions were already started");
        }
        started = true;
        if (!closed && ahead == null) {
            ahead = open();
        }
    }

    /**
     * Opens a session ahead unless one is kept already, and waits until it is connected and has read
     * {@code /nodes}.
     *
     * @return false when that did not happen within the timeout (ZooKeeper away, {@code /nodes} missing)
     */
    public boolean awaitReady(Duration timeout) {
        RecordSession session;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (ahead == null) {
                ahead = open();
            }
            session = ahead;
        }
        try {
            return session.prepare().get(timeout.toNanos(), TimeUnit.NANOSECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** A started session for one record: the one kept ahead, or a new one. */
    synchronized RecordSession take() {
        RecordSession session = ahead != null ? ahead : open();
        ahead = null;
        return session;
    }

    private RecordSession open() {
        RecordSession session = new RecordSession(settings);
        session.start();
        session.prepare();
        return session;
    }

    @Override
    public void close() {
        RecordSession waiting;
        synchronized (this) {
            closed = true;
            waiting = ahead;
            ahead = null;
        }
        if (waiting != null) {
            waiting.end();
        }
    }
}
