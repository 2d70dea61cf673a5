package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * Waits until a node runs a watcher {@code active} with all its processes: {@code status} and
 * {@code list} polled every {@value #POLL_MILLIS} ms, within a bound.
 *
 * <p>Thread-safe: one poll at a time, each scheduled on the timer threads from the completion of the one
 * before.
 */
final class CopyActive {
    static final long POLL_MILLIS = 100;

    private final Parts parts;
    private final String node;
    private final String watcher;
    private final int processes;
    private final Deadline deadline;
    private final Duration within;
    private final CompletableFuture<Optional<String>> active = new CompletableFuture<>();
    private String lastSeen = "no answer yet";

    CopyActive(Parts parts, String node, String watcher, int processes, Duration within) {
        this.parts = parts;
        this.node = node;
        this.watcher = watcher;
        this.processes = processes;
        this.within = within;
        this.deadline = Deadline.in(within);
    }

    /** Completes empty once the watcher is active there, or with what was last seen when it is not in time; never fails. */
    CompletableFuture<Optional<String>> await() {
        poll();
        return active;
    }

    private void poll() {
        try {
            Deadline each = Deadline.in(parts.fanOut().defaultDeadline());
            CompletableFuture<NodeOutcome> status = parts.fanOut().one(Request.of("status").with("name", watcher), node, each);
            CompletableFuture<NodeOutcome> pids = parts.fanOut().one(Request.of("list").with("name", watcher), node, each);
            status.thenCombine(pids, this::isActive).whenComplete((yes, error) -> {
                if (error != null) {
                    active.complete(Optional.of("could not be watched (" + error + ")"));
                } else if (yes) {
                    active.complete(Optional.empty());
                } else if (System.nanoTime() - deadline.atNanos() >= 0) {
                    active.complete(Optional.of("was not active within " + within.toMillis() + " ms (" + lastSeen + ")"));
                } else {
                    schedule();
                }
            });
        } catch (RuntimeException e) {
            active.complete(Optional.of("could not be watched (" + e + ")"));
        }
    }

    private boolean isActive(NodeOutcome status, NodeOutcome listed) {
        Optional<Reply> s = status.answer().filter(r -> !r.isError());
        Optional<Reply> l = listed.answer().filter(r -> !r.isError());
        if (s.isEmpty() || l.isEmpty()) {
            lastSeen = "node " + node + " gave no answer to 'status' and 'list'";
            return false;
        }
        int running = l.get().get("pids").size();
        lastSeen = "status '" + s.get().status() + "', " + running + " of " + processes + " processes running";
        return s.get().status().equals("active") && running >= processes;
    }

    private void schedule() {
        try {
            parts.timers().schedule(this::poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            active.complete(Optional.of("was not watched to the end: the manager is stopping"));
        }
    }
}
