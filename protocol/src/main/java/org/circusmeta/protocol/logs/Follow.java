package org.circusmeta.protocol.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher followed through a {@link LogsClient}: the tail the query asked for, then every new
 * line, each once and in order, handed to its {@link LogListener}. It renews itself at a third of
 * the server's lease, asking each time for what came after the last line it has, so a follow that
 * the server lost or let fall behind (restarted, unreachable for a while, a slow listener) picks up
 * where it was, and says how many lines it lost when the server no longer had them.
 *
 * <p>Threading: thread-safe; its state lives on the client's loop thread, where the listener runs.
 * Lifecycle: made running by {@link LogsClient#follow}; {@link #close()} is idempotent, tells the
 * server (without waiting) and stops the listener's calls.
 */
public final class Follow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Follow.class);
    private static final Duration FIRST_RENEW = Duration.ofSeconds(5);

    private final SocketLoop loop;
    private final LogsConnection connection;
    private final String id;
    private final LogQuery query;
    private final Optional<String> node;
    private final LogListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Loop-thread state.
    private String epoch;
    private long lastSeen;
    private boolean asking;
    private boolean served;
    private String problem;
    private Duration renewEvery = FIRST_RENEW;
    private SocketLoop.Timer renewTimer;
    private volatile long lastSeq;
    private volatile boolean healthy;

    Follow(SocketLoop loop, LogsConnection connection, String id, LogQuery query, Optional<String> node,
            LogListener listener) {
        this.loop = loop;
        this.connection = connection;
        this.id = id;
        this.query = query;
        this.node = node;
        this.listener = listener;
    }

    String id() {
        return id;
    }

    public LogQuery query() {
        return query;
    }

    /** True while the server serves it (its last request was answered with lines, not a refusal). */
    public boolean isServed() {
        return healthy;
    }

    /** The number of the last line it has, in the current epoch; 0 before any. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Stops following; the server is told, without waiting. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            loop.cleanUp(() -> stopOnLoop(true));
        }
    }

    void begin() {
        connection.add(this);
        ask();
    }

    /** Stops renewing; with {@code tell}, asks the server to stop pushing. */
    void stopOnLoop(boolean tell) {
        closed.set(true);
        if (renewTimer != null) {
            renewTimer.cancel();
            renewTimer = null;
        }
        connection.remove(this);
        if (tell) {
            connection.tell(CircusJson.object().put("type", "unfollow").put("follow", id));
        }
        healthy = false;
    }

    private void ask() {
        if (closed.get()) {
            return;
        }
        scheduleRenew();
        if (asking) {
            return;
        }
        asking = true;
        connection.request(request(), renewEvery.multipliedBy(4).dividedBy(5)).whenComplete((reply, error) -> {
            asking = false;
            if (closed.get()) {
                return;
            }
            if (error != null) {
                failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                answered(reply);
            }
        });
    }

    private ObjectNode request() {
        ObjectNode r = CircusJson.object().put("type", "follow").put("follow", id).put("watcher", query.watcher());
        query.pid().ifPresent(p -> r.put("pid", p));
        query.stream().ifPresent(s -> r.put("stream", s.wireName()));
        if (epoch == null) {
            r.put("lines", query.lines());
        } else {
            r.putObject("since").put("epoch", epoch).put("seq", lastSeen);
        }
        return r;
    }

    private void scheduleRenew() {
        if (renewTimer != null) {
            renewTimer.cancel();
        }
        renewTimer = loop.schedule(renewEvery, this::ask);
    }

    private void answered(ObjectNode reply) {
        if (!LogsDecoding.isOk(reply)) {
            Refusal refusal = LogsDecoding.refusal(reply);
            if (problem(refusal.describe())) {
                call(() -> listener.onRefused(refusal));
            }
            return;
        }
        long leaseMs = reply.path("lease_ms").asLong(0);
        if (leaseMs >= 300 && leaseMs / 3 != renewEvery.toMillis()) {
            renewEvery = Duration.ofMillis(leaseMs / 3);
            scheduleRenew();
        }
        List<Unreadable> unreadable = LogsDecoding.unreadable(reply);
        if (!served) {
            served = true;
            healthy = true;
            boolean hadProblem = problem != null;
            problem = null;
            if (hadProblem) {
                call(listener::onServed);
            }
            if (!unreadable.isEmpty()) {
                call(() -> listener.onUnreadable(unreadable));
            }
        }
        onRun(reply);
    }

    private void failed(Throwable error) {
        if (error instanceof CircusClosedException) {
            return;
        }
        tellProblem("the logs endpoint " + connection.endpoint() + " did not answer within " + renewEvery.toMillis()
                + " ms; still asking");
    }

    /** @return true when the reason is new, and the listener is to be told */
    private boolean problem(String reason) {
        served = false;
        healthy = false;
        if (reason.equals(problem)) {
            return false;
        }
        problem = reason;
        return true;
    }

    private void tellProblem(String reason) {
        if (problem(reason)) {
            call(() -> listener.onProblem(reason));
        }
    }

    /** A push: lines, or the end of the server. */
    void onPush(ObjectNode message) {
        if (closed.get()) {
            return;
        }
        if ("end".equals(message.path("type").asText())) {
            tellProblem(message.path("reason").asText("the server ended the follow"));
            return;
        }
        onRun(message);
    }

    /** A run of lines: numbered after {@code after}, up to {@code last}; only the unseen ones are handed on. */
    private void onRun(ObjectNode message) {
        List<LogLine> lines;
        try {
            lines = LogsDecoding.lines(message, node);
        } catch (MalformedMessageException e) {
            connection.malformed.increment();
            LOG.debug("{}: dropped a malformed run of lines: {}", connection.endpoint(), e.getMessage());
            return;
        }
        String runEpoch = message.path("epoch").asText();
        long after = message.path("after").asLong();
        long last = message.path("last").asLong();
        if (!runEpoch.equals(epoch)) {
            epoch = runEpoch;
            lastSeen = after;
        } else if (after > lastSeen) {
            lost(after - lastSeen);
            lastSeen = after;
        }
        // The server no longer keeps the lines numbered after + 1 to after + lost; those of them that
        // were queued before this follow fell behind have come already (they came first on the wire).
        long goneUpTo = after + message.path("lost").asLong(0);
        if (goneUpTo > lastSeen) {
            lost(goneUpTo - lastSeen);
            lastSeen = goneUpTo;
        }
        List<LogLine> fresh = new ArrayList<>(lines.size());
        for (LogLine l : lines) {
            if (l.seq() > lastSeen) {
                fresh.add(l);
                lastSeen = l.seq();
            }
        }
        lastSeen = Math.max(lastSeen, last);
        lastSeq = lastSeen;
        if (!fresh.isEmpty()) {
            call(() -> listener.onLines(fresh));
        }
    }

    private void lost(long count) {
        connection.lost.add(count);
        call(() -> listener.onLost(query.watcher(), count));
    }

    private void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            connection.listenerFailures.increment();
            LOG.warn("{}: the listener of follow {} ({}) failed; the follow goes on", connection.endpoint(), id,
                    query.watcher(), e);
        }
    }
}
