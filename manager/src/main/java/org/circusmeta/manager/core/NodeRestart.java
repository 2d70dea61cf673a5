package org.circusmeta.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * Restarts a watcher on one node and waits until it is healthy: its pids read ({@code list}), then
 * {@code restart} with {@code waiting}, then {@code status} and {@code list} polled until the watcher
 * is {@code active} with as many processes as the restart started, none of them an old one, and the
 * same pids for {@code healthyFor}: a process that dies and is replaced changes the pids and starts
 * the wait again. All of it within {@code timeout} of the start.
 *
 * <p>The polls come every twentieth of {@code healthyFor} (10 to 250 ms), and one exactly when the wait
 * would end, so that the wait costs little more than {@code healthyFor}.
 *
 * <p>Thread-safe: one poll at a time, each scheduled from the completion of the one before.
 */
final class NodeRestart {
    private static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final Duration MAX_POLL = Duration.ofMillis(250);

    private final Parts parts;
    private final RollingRestart request;
    private final String node;
    private final Deadline deadline;
    private final long pollNanos;
    private final CompletableFuture<Optional<String>> healthy = new CompletableFuture<>();
    private Set<Long> before = Set.of();
    private int expected;
    private Set<Long> window;
    private long windowStart;
    private int changes;
    private String lastSeen = "no answer yet";

    NodeRestart(Parts parts, RollingRestart request, String node) {
        this.parts = parts;
        this.request = request;
        this.node = node;
        this.deadline = Deadline.in(request.timeout());
        Duration poll = request.healthyFor().dividedBy(20);
        this.pollNanos = (poll.compareTo(MIN_POLL) < 0 ? MIN_POLL : poll.compareTo(MAX_POLL) > 0 ? MAX_POLL : poll).toNanos();
    }

    /** Completes when the node is healthy (empty) or cannot be within the timeout (why); never fails. */
    CompletableFuture<Optional<String>> run() {
        parts.fanOut().one(list(), node, deadline).thenCompose(listed -> {
            Optional<String> refused = refusal(listed, "list");
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(refused);
            }
            before = pids(listed.answer().orElseThrow());
            return parts.fanOut().one(Request.of("restart").with("name", request.watcher()).with("waiting", true), node,
                    deadline).thenApply(this::restarted);
        }).whenComplete((failure, error) -> {
            if (error != null) {
                healthy.complete(Optional.of("could not be restarted: " + error));
            } else if (failure.isPresent()) {
                healthy.complete(failure);
            } else {
                poll();
            }
        });
        return healthy;
    }

    private Optional<String> restarted(NodeOutcome outcome) {
        Optional<String> refused = refusal(outcome, "restart");
        if (refused.isEmpty()) {
            JsonNode started = outcome.answer().orElseThrow().get("info").path("started");
            expected = started.isArray() ? started.size() : before.size();
        }
        return refused;
    }

    private void poll() {
        try {
            long sent = System.nanoTime();
            // Each poll has a command's deadline of its own: one sent just before the roll's deadline is still
            // answered, so that what the node last showed is what the failure says.
            Deadline each = Deadline.in(parts.fanOut().defaultDeadline());
            CompletableFuture<NodeOutcome> status = parts.fanOut().one(Request.of("status").with("name", request.watcher()),
                    node, each);
            CompletableFuture<NodeOutcome> pids = parts.fanOut().one(list(), node, each);
            status.thenCombine(pids, (s, p) -> observe(sent, s, p)).whenComplete((next, error) -> {
                if (error != null) {
                    healthy.complete(Optional.of("could not be watched: " + error));
                } else if (next.isPresent()) {
                    schedule(next.get());
                }
            });
        } catch (RuntimeException e) {
            healthy.complete(Optional.of("could not be watched: " + e));
        }
    }

    /** Takes one sample in; the delay to the next poll, or empty once the node is decided. */
    private Optional<Long> observe(long sent, NodeOutcome status, NodeOutcome listed) {
        long now = System.nanoTime();
        Optional<String> unanswered = refusal(status, "status").or(() -> refusal(listed, "list"));
        Set<Long> running = unanswered.isPresent() ? Set.of() : pids(listed.answer().orElseThrow());
        String state = unanswered.isPresent() ? "" : status.answer().orElseThrow().status();
        boolean fit = unanswered.isEmpty() && state.equals("active") && running.size() == expected
                && running.stream().noneMatch(before::contains);
        if (window != null && !running.equals(window)) {
            changes++;
        }
        if (unanswered.isPresent()) {
            lastSeen = unanswered.get();
            window = null;
        } else if (!fit) {
            lastSeen = "status '" + state + "', " + running.size() + " of " + expected + " new processes running";
            window = null;
        } else if (!running.equals(window)) {
            window = running;
            windowStart = now;
            lastSeen = "active with pids " + running;
        } else if (sent - windowStart >= request.healthyFor().toNanos()) {
            healthy.complete(Optional.empty());
            return Optional.empty();
        }
        if (now - deadline.atNanos() >= 0) {
            healthy.complete(Optional.of("was not healthy within " + request.timeout().toMillis() + " ms of its restart ("
                    + lastSeen + (changes > 0 ? "; its processes changed " + changes + " time(s)" : "") + ")"));
            return Optional.empty();
        }
        long next = now + pollNanos;
        if (window != null) {
            next = Math.min(next, windowStart + request.healthyFor().toNanos());
        }
        return Optional.of(Math.max(0, Math.min(next, deadline.atNanos()) - now));
    }

    private void schedule(long delayNanos) {
        try {
            parts.timers().schedule(this::poll, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            healthy.complete(Optional.of("was not watched to the end: the manager is stopping"));
        }
    }

    private Request list() {
        return Request.of("list").with("name", request.watcher());
    }

    /** Why the node gave no usable answer to a command, if it did not. */
    private Optional<String> refusal(NodeOutcome outcome, String command) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return Optional.of("did not answer '" + command + "' (" + failed.failure().reason() + ")");
        }
        Reply reply = outcome.answer().orElseThrow();
        return reply.isError() ? Optional.of("refused '" + command + "': " + reply.reason().orElse("no reason given"))
                : Optional.empty();
    }

    private static Set<Long> pids(Reply list) {
        Set<Long> pids = new HashSet<>();
        list.get("pids").forEach(pid -> pids.add(pid.asLong()));
        return Set.copyOf(pids);
    }
}
