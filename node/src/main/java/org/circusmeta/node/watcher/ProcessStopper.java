package org.circusmeta.node.watcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.circusmeta.node.events.EventPublisher;
import org.circusmeta.node.process.ChildProcess;
import org.circusmeta.node.process.ChildProcess.Disposition;
import org.circusmeta.node.process.Signals;
import org.circusmeta.protocol.loop.SocketLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops processes as circusd does, without blocking: the stop signal now (and a {@code kill} event),
 * SIGKILL to the process and everything it forked once {@code graceful_timeout} has passed. When a
 * process has exited, whatever is left of its process group (children an {@code sh -c} left behind)
 * gets the stop signal, then SIGKILL after the same timeout, so that stop and quit leave no orphans.
 *
 * <p>Confined to the node's loop thread.
 */
public final class ProcessStopper {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStopper.class);
    private static final Duration FIRST_GROUP_POLL = Duration.ofMillis(50);
    private static final Duration LAST_GROUP_POLL = Duration.ofSeconds(1);
    private static final Duration AFTER_SIGKILL = Duration.ofSeconds(1);

    private final SocketLoop loop;
    private final EventPublisher events;
    private final Set<CompletableFuture<Void>> cleanups = new HashSet<>();

    public ProcessStopper(SocketLoop loop, EventPublisher events) {
        this.loop = loop;
        this.events = events;
    }

    /**
     * Asks a process to stop. A process already being stopped is not signalled again; a stop that wants
     * a {@code reap} event still gets one.
     *
     * @return completes with the exit code once the watcher has handled the exit
     */
    public CompletableFuture<Integer> stop(String watcher, ChildProcess p, int signal, double gracefulSeconds,
            Disposition disposition, boolean stopChildren) {
        if (p.isStopping()) {
            if (disposition == Disposition.REAP_ON_EXIT) {
                p.dispose(disposition);
            }
            return p.exited();
        }
        p.dispose(disposition);
        List<Long> children = stopChildren ? p.children() : List.of();
        send(watcher, p, signal);
        children.forEach(child -> send(watcher, child, signal));
        SocketLoop.Timer timer = loop.schedule(seconds(gracefulSeconds), () -> killHard(watcher, p));
        p.exited().whenComplete((code, error) -> timer.cancel());
        return p.exited();
    }

    /** After a process exited: stops what is left of its process group. */
    public void afterExit(ChildProcess p, int signal, double gracefulSeconds) {
        if (p.disposition() == Disposition.FORGOTTEN || !p.groupAlive()) {
            return;
        }
        LOG.debug("process {} left processes in its group; sending them signal {}", p.pid(), signal);
        p.signalGroup(signal);
        CompletableFuture<Void> done = new CompletableFuture<>();
        cleanups.add(done);
        done.whenComplete((v, e) -> cleanups.remove(done));
        long deadline = System.nanoTime() + seconds(gracefulSeconds).toNanos();
        loop.schedule(FIRST_GROUP_POLL, () -> watchGroup(p, deadline, false, FIRST_GROUP_POLL, done));
    }

    /** Completes when every leftover process group being stopped is gone. */
    public CompletableFuture<Void> groupsGone() {
        return CompletableFuture.allOf(new ArrayList<>(cleanups).toArray(CompletableFuture[]::new));
    }

    /**
     * Polls the group, more and more rarely (each look may read every {@code /proc/PID/stat} of the host,
     * on the loop thread), but never past the deadline: the stop signal's, then SIGKILL's.
     */
    private void watchGroup(ChildProcess p, long deadline, boolean killed, Duration poll, CompletableFuture<Void> done) {
        if (!p.groupAlive()) {
            done.complete(null);
            return;
        }
        long now = System.nanoTime();
        if (now - deadline >= 0) {
            if (killed) {
                LOG.warn("processes of group {} survived SIGKILL; giving up on them", p.pid());
                done.complete(null);
                return;
            }
            p.signalGroup(Signals.SIGKILL);
            long killDeadline = now + AFTER_SIGKILL.toNanos();
            loop.schedule(FIRST_GROUP_POLL, () -> watchGroup(p, killDeadline, true, FIRST_GROUP_POLL, done));
            return;
        }
        Duration next = min(poll.multipliedBy(2), LAST_GROUP_POLL);
        Duration delay = min(poll, Duration.ofNanos(deadline - now));
        loop.schedule(delay, () -> watchGroup(p, deadline, killed, next, done));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void killHard(String watcher, ChildProcess p) {
        if (!p.isAlive()) {
            return;
        }
        LOG.info("watcher {}: process {} did not stop within its graceful timeout; sending SIGKILL", watcher, p.pid());
        List<Long> descendants = p.hasOwnGroup() ? List.of() : p.descendants();
        send(watcher, p, Signals.SIGKILL);
        if (p.hasOwnGroup()) {
            p.signalGroup(Signals.SIGKILL);
        }
        descendants.forEach(d -> send(watcher, d, Signals.SIGKILL));
    }

    private void send(String watcher, ChildProcess p, int signal) {
        sent(watcher, p.pid(), () -> p.signal(signal));
    }

    private void send(String watcher, long pid, int signal) {
        sent(watcher, pid, () -> Signals.send(pid, signal));
    }

    private void sent(String watcher, long pid, BooleanSupplier send) {
        try {
            if (send.getAsBoolean()) {
                events.kill(watcher, pid);
            }
        } catch (IllegalStateException e) {
            LOG.warn("watcher {}: {}", watcher, e.getMessage());
        }
    }

    static Duration seconds(double value) {
        return Duration.ofNanos((long) (Math.max(0, value) * 1e9));
    }
}
