package org.circusmeta.registration.registrar;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
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
 * loop closes under it. Before the first answer the daemon counts as silent, without a report.
 *
 * <p>While the daemon is silent, the first calls have short deadlines (50 ms, doubling up to the
 * configured timeout) and follow one another at once: a request lost on a fresh connection (seen
 * with JeroMQ under load) then costs tens of milliseconds, not a whole timeout, because the client
 * opens a new socket after a call that timed out.
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

    private final SocketLoop loop;
    private final Duration interval;
    private final Duration timeout;
    private final Duration unhealthyAfter;
    private final Listener listener;
    private final CircusClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Loop-thread state.
    private SocketLoop.Timer silenceTimer;
    private SocketLoop.Timer nextProbe;
    private boolean silent = true;
    private int unanswered;

    DaemonHealth(SocketLoop loop, String endpoint, Duration interval, Duration timeout, Duration unhealthyAfter,
            Listener listener) {
        this.loop = loop;
        this.interval = interval;
        this.timeout = timeout;
        this.unhealthyAfter = unhealthyAfter;
        this.listener = listener;
        this.client = new CircusClient(loop, endpoint, ClientOptions.DEFAULTS.withTimeout(timeout).withRetryBusy(false));
    }

    String endpoint() {
        return client.endpoint();
    }

    /**
     * Opens the client and sends the first call, on the loop thread; returns at once.
     *
     * @throws org.circusmeta.protocol.CircusClosedException when the loop is closed
     */
    void start() {
        loop.execute(() -> {
            if (closed.get()) {
                return;
            }
            try {
                client.start();
            } catch (CircusException | IllegalStateException e) {
                if (!closed.get()) {
                    LOG.error("cannot ask circusd at {} whether it answers: {}", client.endpoint(), e.getMessage());
                }
                return;
            }
            probe();
        });
    }

    private void probe() {
        nextProbe = null;
        if (closed.get()) {
            return;
        }
        long sentAt = System.nanoTime();
        client.call(PROBE, deadline()).whenComplete((reply, error) -> {
            if (loop.inLoop()) {
                onResult(sentAt, reply, error);
                return;
            }
            try {
                loop.execute(() -> onResult(sentAt, reply, error));
            } catch (CircusClosedException e) {
                if (!closed.get()) {
                    listener.silent();
                }
            }
        });
    }

    /** Short while the daemon is silent and the calls go unanswered, then the configured timeout. */
    private Duration deadline() {
        if (!silent || unanswered > 5) {
            return timeout;
        }
        Duration quick = FIRST_DEADLINE.multipliedBy(1L << unanswered);
        return quick.compareTo(timeout) < 0 ? quick : timeout;
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
            unanswered++;
        }
        boolean retryAtOnce = silent && unanswered > 0 && deadline().compareTo(timeout) < 0;
        long elapsed = System.nanoTime() - sentAt;
        Duration wait = retryAtOnce ? Duration.ZERO : Duration.ofNanos(Math.max(0, interval.toNanos() - elapsed));
        nextProbe = loop.schedule(wait, this::probe);
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
            });
        } catch (CircusClosedException e) {
            // The loop is gone, and its timers with it.
        }
        client.close();
    }
}
