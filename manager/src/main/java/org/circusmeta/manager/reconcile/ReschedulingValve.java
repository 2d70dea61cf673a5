package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.manager.registry.DirectoryListener;
import org.circusmeta.manager.registry.NodeDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses rescheduling when more than {@code placement.maxLostFraction} of the registered nodes leave
 * the registry within one {@code rescheduleAfter} (two at least: a single lost node never pauses it):
 * that looks like a network or ZooKeeper problem rather than dead hosts, and moving their watchers
 * would pile them onto the few nodes left. It resumes by itself once enough of those nodes are back
 * (no more than the fraction still gone), or when an operator says so ({@link #resume}). While it is
 * paused the leader places nothing: it moves no copy off a lost node, places no missing copy. Every
 * replica keeps one, so that a replica that takes over knows.
 *
 * <p>Thread-safe: directory changes arrive on the registry-view thread; reads and {@link #resume} from any.
 */
public final class ReschedulingValve implements DirectoryListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReschedulingValve.class);
    private static final int FEWEST_LOST = 2;

    /** Why rescheduling is paused: since when, which nodes left, of how many. */
    public record Paused(Instant since, Set<String> lost, int of) {}

    private final double maxLostFraction;
    private final Duration window;
    private final AtomicReference<Optional<Paused>> paused = new AtomicReference<>(Optional.empty());
    private volatile Runnable onResume = () -> {};

    // Registry-view-thread state: the nodes that left lately, and when.
    private final Map<String, Instant> left = new HashMap<>();

    public ReschedulingValve(double maxLostFraction, Duration window) {
        this.maxLostFraction = maxLostFraction;
        this.window = window;
    }

    /** What to do when it resumes (ask for a pass); it must return at once. */
    void whenResumed(Runnable action) {
        onResume = action;
    }

    @Override
    public synchronized void directoryChanged(NodeDirectory previous, NodeDirectory current) {
        if (!previous.isLoaded() || !current.isLoaded()) {
            return;
        }
        Instant now = Instant.now();
        for (String node : previous.nodes().keySet()) {
            if (!current.nodes().containsKey(node)) {
                left.put(node, now);
            }
        }
        left.keySet().removeAll(current.nodes().keySet());
        Optional<Paused> pause = paused.get();
        if (pause.isPresent()) {
            judgePaused(pause.get(), current);
            return;
        }
        left.values().removeIf(at -> at.plus(window).isBefore(now));
        int of = current.nodes().size() + left.size();
        if (left.size() >= FEWEST_LOST && left.size() > maxLostFraction * of) {
            Paused why = new Paused(now, new TreeSet<>(left.keySet()), of);
            paused.set(Optional.of(why));
            LOG.warn("rescheduling paused: {}", describe(why));
        }
    }

    private void judgePaused(Paused was, NodeDirectory current) {
        Set<String> lost = new TreeSet<>(was.lost());
        lost.addAll(left.keySet());
        Set<String> stillGone = new TreeSet<>(lost);
        stillGone.removeAll(current.nodes().keySet());
        int of = Math.max(was.of(), current.nodes().size() + stillGone.size());
        if (stillGone.size() < FEWEST_LOST || stillGone.size() <= maxLostFraction * of) {
            paused.set(Optional.empty());
            left.clear();
            LOG.info("rescheduling resumed: enough of the nodes that left are back ({} of {} still gone); the leader"
                    + " places again the copies of those that stay away", stillGone.size(), of);
            onResume.run();
        } else if (!lost.equals(was.lost())) {
            paused.set(Optional.of(new Paused(was.since(), lost, of)));
        }
    }

    /** Ends a pause now, forgiving the nodes that left: their copies are placed again as usual. @return whether it was paused */
    public synchronized boolean resume() {
        Optional<Paused> was = paused.getAndSet(Optional.empty());
        left.clear();
        was.ifPresent(p -> {
            LOG.info("rescheduling resumed by an operator; the leader places again the copies of the nodes still gone");
            onResume.run();
        });
        return was.isPresent();
    }

    public Optional<Paused> paused() {
        return paused.get();
    }

    public double maxLostFraction() {
        return maxLostFraction;
    }

    /** The pause in an operator's words: what happened and what to do. */
    public String describe(Paused p) {
        return p.lost().size() + " of " + p.of() + " nodes left the registry within " + window.toSeconds() + " s ("
                + String.join(", ", p.lost()) + "), more than placement.maxLostFraction " + maxLostFraction + " of them: that"
                + " looks like a network or ZooKeeper problem, not dead hosts, so no copy is placed elsewhere since "
                + Reconciliation.clock(p.since()) + ". It resumes once enough of them are back; POST"
                + " /tasks/resume-rescheduling on the admin port resumes it now";
    }
}
