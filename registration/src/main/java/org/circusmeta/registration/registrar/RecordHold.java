package org.circusmeta.registration.registrar;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one registration holds its znode. With ZooKeeper ACLs off, a {@link RecordNode} on the
 * registrar's client, deleted when released. With ACLs on ({@code recordSessions} given), a record
 * node in a {@link RecordSession} of its own, checked against {@code /nodes} before it is created
 * ({@link #prepare()}) and removed by ending that session; the next session is taken at once.
 *
 * <p>Confined to the registrar's serial executor; removals run in the background.
 */
final class RecordHold {
    private static final Logger LOG = LoggerFactory.getLogger(RecordHold.class);
    private static final Duration CREATE_WAIT = Duration.ofSeconds(1);

    private final CuratorFramework curator;
    private final String name;
    private final String path;
    private final Sessions sessions;
    private final Optional<RecordSessions> recordSessions;
    private RecordNode node;
    private RecordSession session;

    RecordHold(CuratorFramework curator, String name, String path, Sessions sessions,
            Optional<RecordSessions> recordSessions) {
        this.curator = curator;
        this.name = name;
        this.path = path;
        this.sessions = sessions;
        this.recordSessions = recordSessions;
    }

    /** Takes the first record session, with ACLs on (opened ahead, or connecting while the daemon's health is asked). */
    void open() {
        if (recordSessions.isPresent()) {
            session = recordSessions.get().take();
            sessions.holdWith(session.client());
        }
    }

    boolean isHeld() {
        return node != null;
    }

    /** The record held; only while {@link #isHeld()}. */
    byte[] data() {
        return node.getData();
    }

    /** Whether {@link #create} may run now: always with ACLs off, once {@link #prepare()} succeeded with them on. */
    boolean isPrepared() {
        return session == null ? recordSessions.isEmpty() : session.isPrepared();
    }

    /** See {@link RecordSession#prepare()}; with ACLs off, nothing to do. */
    CompletableFuture<Optional<String>> prepare() {
        return session == null ? CompletableFuture.completedFuture(Optional.empty()) : session.prepare();
    }

    /** Starts holding the znode with this data; only once {@link #isPrepared()}. */
    void create(byte[] data) {
        node = session == null ? new RecordNode(curator, path, data, sessions::isOwn)
                : RecordNode.inRecordSession(session.client(), path, data);
        node.start();
    }

    /**
     * Stops holding the znode and removes it, in the background; completes when done.
     *
     * @param lingering a znode of this registrar's is still seen though none is held (its removal
     *     found ZooKeeper unreachable while the session outlived the outage): delete it, with ACLs off
     * @param last no next registration: with ACLs on, end the waiting session too and open none
     */
    CompletableFuture<Void> release(boolean lingering, boolean last) {
        RecordNode closing = node;
        node = null;
        if (recordSessions.isPresent()) {
            return endSession(closing, last);
        }
        if (closing == null) {
            return lingering ? removeInBackground(() -> RecordNode.deleteIfOwned(curator, path, sessions::isOwn))
                    : CompletableFuture.completedFuture(null);
        }
        return removeInBackground(closing::close);
    }

    private CompletableFuture<Void> endSession(RecordNode closing, boolean last) {
        if ((closing == null && !last) || session == null) {
            return CompletableFuture.completedFuture(null);
        }
        RecordSession ending = session;
        session = null;
        if (!last) {
            open();
        }
        return removeInBackground(() -> {
            if (closing != null) {
                // A create still in flight would be answered after the close, and its recipe would try to
                // delete the znode through the ended session.
                closing.waitForInitialCreate(CREATE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                closing.close();
            }
            ending.end();
        });
    }

    private CompletableFuture<Void> removeInBackground(Removal removal) {
        return SerialExecutor.runInBackground(() -> {
            try {
                removal.run();
                LOG.debug("node {}: {} removed", name, path);
            } catch (Exception e) {
                LOG.warn("node {}: could not remove {} ({}); it goes when this ZooKeeper session ends", name, path,
                        e.toString());
            }
        });
    }

    /** A blocking ZooKeeper deletion. */
    private interface Removal {
        void run() throws Exception;
    }
}
