package org.circusmeta.manager.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Places watchers on the live cluster: takes the nodes as observed, adds the reservations, runs the
 * strategy on that immutable view and reserves its choice at once, so that the next placement, a
 * microsecond later, already counts it. Placements of one replica are serialised (each takes
 * microseconds); other replicas' placements arrive through {@link #reserveSeen}.
 *
 * <p>Thread-safe.
 */
public final class Placer {
    private final Placement strategy;
    private final Supplier<List<Candidate>> observed;
    private final Reservations reservations = new Reservations();
    private final long reservationNanos;
    private final SplittableRandom random;
    private Optional<String> previous = Optional.empty();

    public Placer(Placement strategy, Supplier<List<Candidate>> observed, Duration reservationTimeout, long seed) {
        this.strategy = strategy;
        this.observed = observed;
        this.reservationNanos = reservationTimeout.toNanos();
        this.random = new SplittableRandom(seed);
    }

    /** @throws NoNodeFitsException saying why each node was rejected */
    public synchronized PlacementDecision place(WatcherSpec watcher) {
        long now = System.nanoTime();
        PlacementView view = new PlacementView(reservations.applyTo(observed.get(), now), previous, random.nextLong());
        PlacementDecision decision = strategy.place(watcher, view);
        reservations.reserve(key(watcher.name()), decision.node(), watcher.numprocesses(), now + reservationNanos);
        previous = Optional.of(decision.node());
        return decision;
    }

    /** The nodes as placement sees them now, reservations included. */
    public synchronized List<Candidate> view() {
        return reservations.applyTo(observed.get(), System.nanoTime());
    }

    /** Undoes the reservation of a placement that did not happen. */
    public void release(String watcher) {
        reservations.release(key(watcher));
    }

    /**
     * Counts a placement made elsewhere (by another replica, or before a restart) until the stats
     * show it, for what is left of the reservation time since it was made.
     */
    public void reserveSeen(String watcher, String node, int processes, Instant placedAt) {
        long age = Duration.between(placedAt, Instant.now()).toNanos();
        if (age < reservationNanos) {
            reservations.reserve(key(watcher), node, processes, System.nanoTime() + reservationNanos - Math.max(0, age));
        }
    }

    public Placement strategy() {
        return strategy;
    }

    int reservationCount() {
        return reservations.size();
    }

    private static String key(String watcher) {
        return watcher.toLowerCase(Locale.ROOT);
    }
}
