package org.circusmeta.manager.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of the registry: every child of {@code /nodes}, valid or not (and the static
 * nodes of the configuration), the names of the cluster watchers under {@code /watchers}, and the
 * nodes cordoned under {@code /eligibility}. Rebuilt as a whole after changes and published by
 * {@link RegistryWatch}; readers take the current one and never see it change under them.
 *
 * <p>Immutable and thread-safe.
 */
public final class NodeDirectory {
    public static final NodeDirectory EMPTY = new NodeDirectory(new TreeMap<>(), new TreeSet<>(), Optional.empty(), false,
            Instant.EPOCH);

    private final SortedMap<String, RegisteredNode> nodes;
    private final SortedSet<String> clusterWatchers;
    private final Optional<SortedMap<String, Cordon>> cordons;
    private final boolean loaded;
    private final Instant builtAt;

    /** @param cordons empty until {@code /eligibility} has been read once */
    NodeDirectory(SortedMap<String, RegisteredNode> nodes, SortedSet<String> clusterWatchers,
            Optional<SortedMap<String, Cordon>> cordons, boolean loaded, Instant builtAt) {
        this.nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        this.clusterWatchers = Collections.unmodifiableSortedSet(new TreeSet<>(clusterWatchers));
        this.cordons = cordons.map(c -> Collections.unmodifiableSortedMap(new TreeMap<>(c)));
        this.loaded = loaded;
        this.builtAt = builtAt;
    }

    /** Every registered node by name, sorted. */
    public SortedMap<String, RegisteredNode> nodes() {
        return nodes;
    }

    public Optional<RegisteredNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Names under {@code /watchers}: the watchers the manager placed and keeps running. */
    public Set<String> clusterWatchers() {
        return clusterWatchers;
    }

    /** The cordoned nodes by name, registered or not, as recorded under {@code /eligibility}. */
    public SortedMap<String, Cordon> cordons() {
        return cordons.orElse(Collections.emptySortedMap());
    }

    /**
     * Whether the node may take new placements: not cordoned. False until {@code /eligibility} has been
     * read, so that no placement goes to a cordoned node in the moment after a manager starts.
     */
    public boolean isEligible(String node) {
        return cordons.map(c -> !c.containsKey(node)).orElse(false);
    }

    /** False until the registry has been read once from ZooKeeper. */
    public boolean isLoaded() {
        return loaded;
    }

    public Instant builtAt() {
        return builtAt;
    }

    @Override
    public String toString() {
        return "NodeDirectory" + nodes.keySet() + (loaded ? "" : " (not loaded yet)");
    }
}
