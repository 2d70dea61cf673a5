package org.circusmeta.registration.registrar;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.client.ClientOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a circus daemon answers: a {@code globaloptions} call (light: no watcher is touched)
 * every {@code interval}, each with its own deadline, never two at once. Any reply counts as an
 * answer, an error reply included: the daemon is alive. Reports every answer, and reports silence
 * once when {@code unhealthyAfter} has passed since the last answer, or at once when the socket
 * loop closes under it. Before the first answer the daemon counts as silent, without a report. A
 * client that cannot be opened (a host name that does not resolve yet) is tried again every
 * {@code interval}.
 *
 * <p>While the daemon is silent, the first calls have short deadlines (50 ms, doubling up to the
 * configured timeout), each on a new connection, one right after the other: a fresh connection
 * whose handshake JeroMQ never starts (the client would wait a whole handshake interval, a second)
 * then costs tens of milliseconds. (Closing a client while it connects is safe since the client
 * stops its handshake monitor first.)
 *
 * <p>Confined to the socket loop's thread, except {@link #start()} and {@link #close()}, which may
 * be called from any thread. The listener is called on the loop thread and must not block.
 */
final class DaemonHealth implements AutoCloseable {
    /** Called on the loop thread. */
    interface Listener {
        void answered();

        void silent();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DaemonHealth.class);
    private static final Request PROBE = Request.of("globaloptions");
    private static final Duration FIRST_DEADLINE = Duration.ofMillis(50);
    private static final int QUICK_CALLS = 5;

    private final SocketLoop loop;
    private final String endpoint;
    private final ClientOptions clientOptions;
    private final Duration interval;
    private final Duration timeout;
    private final Duration unhealthyAfter;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Loop-thread state.
    private CircusClient client;
    private SocketLoop.Timer silenceTimer;
    private SocketLoop.Timer nextProbe;
    private boolean silent = true;
    private boolean openFailing;
    private int unanswered;

    DaemonHealth(SocketLoop loop, String endpoint, Duration interval, Duration timeout, Duration unhealthyAfter,
            Listener listener) {
        this.loop = loop;
        this.endpoint = Endpoint.parse(endpoint).toString();
        this.clientOptions = ClientOptions.DEFAULTS.withTimeout(timeout).withRetryBusy(false);
        this.interval = interval;
        this.timeout = timeout;
        this.unhealthyAfter = unhealthyAfter;
        this.listener = listener;
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * Opens a client and sends the first call, on the loop thread; returns at once.
     *
     * @throws CircusClosedException when the loop is closed
     */
    void start() {
        loop.execute(this::probe);
    }

    /**
     * Opens a client on a new connection; false when that cannot be done now (a host name that does
     * not resolve yet, on a machine still booting): the next call tries again.
     */
    private boolean connect() {
        CircusClient fresh = new CircusClient(loop, endpoint, clientOptions);
        try {
            fresh.start();
        } catch (CircusException | IllegalStateException e) {
            if (!openFailing) {
                LOG.error("{}; not registered until it can be asked, trying again every {}", e.getMessage(), interval);
            }
            openFailing = true;
            return false;
        }
        if (openFailing) {
            LOG.info("a connection to circusd at {} is open at last", endpoint);
        }
        openFailing = false;
        client = fresh;
        return true;
    }

    private void dropClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void probe() {
        nextProbe = null;
        if (closed.get()) {
            return;
        }
        if (client == null && !connect()) {
            nextProbe = loop.schedule(interval, this::probe);
            return;
        }
        long sentAt = System.nanoTime();
        client.call(PROBE, deadline()).whenComplete((reply, error) -> {
            if (loop.inLoop()) {
                handle(sentAt, reply, error);
                return;
            }
            try {
                loop.execute(() -> handle(sentAt, reply, error));
            } catch (CircusClosedException e) {
                if (!closed.get()) {
                    listener.silent();
                }
            }
        });
    }

    /** Short while the daemon is silent and the first calls go unanswered, then the configured timeout. */
    private Duration deadline() {
        if (!inQuickPhase()) {
            return timeout;
        }
        Duration quick = FIRST_DEADLINE.multipliedBy(1L << unanswered);
        return quick.compareTo(timeout) < 0 ? quick : timeout;
    }

    private boolean inQuickPhase() {
        return silent && unanswered < QUICK_CALLS;
    }

    /** An exception here would end the health calls silently (a future swallows it): log, go on. */
    private void handle(long sentAt, Reply reply, Throwable error) {
        try {
            onResult(sentAt, reply, error);
        } catch (RuntimeException e) {
            LOG.error("health call to circusd at {}: unexpected failure, calling again in {}", endpoint, interval, e);
            if (!closed.get()) {
                nextProbe = loop.schedule(interval, this::probe);
            }
        }
    }

    private void onResult(long sentAt, Reply reply, Throwable error) {
        if (closed.get()) {
            return;
        }
        if (reply != null) {
            unanswered = 0;
            answered();
        } else if (unwrap(error) instanceof CircusClosedException) {
            goSilent();
            return;
        } else {
            boolean quick = inQuickPhase();
            unanswered++;
            if (quick) {
                dropClient();
                probe();
                return;
            }
        }
        long elapsed = System.nanoTime() - sentAt;
        nextProbe = loop.schedule(Duration.ofNanos(Math.max(0, interval.toNanos() - elapsed)), this::probe);
    }

    private void answered() {
        if (silenceTimer != null) {
            silenceTimer.cancel();
        }
        silenceTimer = loop.schedule(unhealthyAfter, this::goSilent);
        silent = false;
        listener.answered();
    }

    private void goSilent() {
        silenceTimer = null;
        if (!silent && !closed.get()) {
            silent = true;
            unanswered = 0;
            listener.silent();
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.execute(() -> {
                if (silenceTimer != null) {
                    silenceTimer.cancel();
                }
                if (nextProbe != null) {
                    nextProbe.cancel();
                }
                dropClient();
            });
        } catch (CircusClosedException e) {
            // The loop is gone; it closed its timers and sockets with it.
        }
    }
}
