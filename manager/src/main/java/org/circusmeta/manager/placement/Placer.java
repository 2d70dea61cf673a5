package org.circusmeta.manager.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
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
    private static final String HOLDS_A_COPY = "holds a copy of it already";

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
        return placeCopies(watcher, 1, Set.of()).get(0);
    }

    /**
     * Chooses {@code count} nodes, one copy each, among the nodes that fit and hold no copy yet, by the
     * strategy; with a spread, each copy first among the label's values that hold the fewest copies.
     * Each choice is reserved at once, so the next one counts it.
     *
     * @param holding the nodes that hold a copy already
     * @throws NoNodeFitsException when fewer than {@code count} nodes fit, saying why each other node was rejected;
     *     nothing is reserved then
     */
    public synchronized List<PlacementDecision> placeCopies(WatcherSpec watcher, int count, Set<String> holding) {
        long now = System.nanoTime();
        List<Candidate> observedNow = observed.get();
        WatcherSpec spec = avoidingAll(watcher, holding);
        Fitting fitting = Fitting.sort(spec, PlacementView.of(reservations.applyTo(observedNow, now)));
        if (fitting.nodes().isEmpty() && count > 0) {
            Fitting.of(spec, PlacementView.of(reservations.applyTo(observedNow, now)));
        }
        if (fitting.nodes().size() < count) {
            throw new NoNodeFitsException("only " + fitting.nodes().size() + " node" + (fitting.nodes().size() == 1 ? "" : "s")
                    + " can take a copy of watcher '" + watcher.name() + "', and " + count + " are needed"
                    + fitting.why(PlacementView.of(observedNow)) + "; start or attach nodes, relax the constraints, or ask"
                    + " for fewer instances");
        }
        Set<String> taken = new HashSet<>(holding);
        List<PlacementDecision> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Spread.Narrowed narrowed = Spread.narrow(spec, reservations.applyTo(observedNow, now), taken);
            PlacementDecision chosen = strategy.place(spec, new PlacementView(narrowed.nodes(), previous, random.nextLong()));
            PlacementDecision decision = new PlacementDecision(chosen.node(), chosen.reason() + narrowed.reason());
            reserve(watcher, decision.node(), now);
            previous = Optional.of(decision.node());
            taken.add(decision.node());
            spec = spec.avoiding(decision.node(), HOLDS_A_COPY);
            decisions.add(decision);
        }
        return decisions;
    }

    /**
     * Every node that fits and holds no copy yet, each reserved: the copies of a watcher that runs on
     * every fitting node. Empty when every fitting node holds one.
     *
     * @throws NoNodeFitsException when no node fits at all (and none holds a copy)
     */
    public synchronized List<PlacementDecision> placeOnEvery(WatcherSpec watcher, Set<String> holding) {
        long now = System.nanoTime();
        PlacementView view = PlacementView.of(reservations.applyTo(observed.get(), now));
        WatcherSpec spec = avoidingAll(watcher, holding);
        Fitting fitting = holding.isEmpty() ? Fitting.of(spec, view) : Fitting.sort(spec, view);
        List<PlacementDecision> decisions = new ArrayList<>();
        for (Candidate node : fitting.nodes()) {
            reserve(watcher, node.name(), now);
            decisions.add(new PlacementDecision(node.name(), "one copy on each fitting node"
                    + (watcher.constraints().isEmpty() ? "" : " matching " + watcher.constraints())));
        }
        return decisions;
    }

    /** The nodes that fit and hold no copy, by name; nothing is reserved. */
    public synchronized List<String> fittingWithout(WatcherSpec watcher, Set<String> holding) {
        PlacementView view = PlacementView.of(reservations.applyTo(observed.get(), System.nanoTime()));
        return Fitting.sort(avoidingAll(watcher, holding), view).nodes().stream().map(Candidate::name).toList();
    }

    /**
     * Reserves a copy on the node named, when it fits and holds none.
     *
     * @throws NoNodeFitsException saying why it does not fit
     */
    public synchronized PlacementDecision placeOn(WatcherSpec watcher, String node, Set<String> holding) {
        long now = System.nanoTime();
        List<Candidate> nodes = reservations.applyTo(observed.get(), now).stream().filter(n -> n.name().equals(node)).toList();
        Fitting fitting = Fitting.sort(avoidingAll(watcher, holding), PlacementView.of(nodes));
        if (fitting.nodes().isEmpty()) {
            throw new NoNodeFitsException("node " + node + " cannot take a copy of watcher '" + watcher.name() + "'"
                    + (nodes.isEmpty() ? ": it is not registered" : fitting.why(PlacementView.of(nodes))));
        }
        reserve(watcher, node, now);
        return new PlacementDecision(node, "named in the request");
    }

    /** The node answered the add of a copy placed on it: a process count its probe asks later holds it. */
    public void landed(String watcher, String node) {
        reservations.landed(key(watcher), node, System.nanoTime());
    }

    private void reserve(WatcherSpec watcher, String node, long now) {
        reservations.reserve(key(watcher.name()), node, watcher.numprocesses(), now + reservationNanos);
    }

    private static WatcherSpec avoidingAll(WatcherSpec watcher, Set<String> holding) {
        WatcherSpec spec = watcher;
        for (String node : new TreeSet<>(holding)) {
            spec = spec.avoiding(node, HOLDS_A_COPY);
        }
        return spec;
    }

    /** The nodes as placement sees them now, reservations included. */
    public synchronized List<Candidate> view() {
        return reservations.applyTo(observed.get(), System.nanoTime());
    }

    /** Undoes the reservations of a watcher's placements that did not happen, or of a watcher removed. */
    public void release(String watcher) {
        reservations.release(key(watcher));
    }

    /** Undoes the reservation of one copy, on one node. */
    public void release(String watcher, String node) {
        reservations.release(key(watcher), node);
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
