package org.circusmeta.registration.registrar;

import java.util.Objects;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * Where registrars with ZooKeeper ACLs on get the ZooKeeper sessions that hold their records: one
 * identity's sessions, opened from its settings. It keeps one session opened and prepared ahead (it
 * has read {@code /nodes} already), so that a registrar starting, or registering again after its
 * daemon came back, does not wait for a ZooKeeper handshake; it opens the next one as it hands one out.
 * The registrars of a process share one (they share the identity of their client).
 *
 * <p>Thread-safe. Lifecycle: the constructor does no I/O; the first session is opened at the first
 * request; {@link #close()} closes the session kept ahead (the ones handed out are their
 * registrars'), idempotent; close it after the registrars, before their client.
 */
public final class RecordSessions implements AutoCloseable {
    private final ZooKeeperSettings settings;
    private RecordSession ahead;
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

    /** A started session for one record, the one kept ahead if any; the next one is opened meanwhile. */
    synchronized RecordSession take() {
        RecordSession session = ahead != null ? ahead : open();
        ahead = closed ? null : open();
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
