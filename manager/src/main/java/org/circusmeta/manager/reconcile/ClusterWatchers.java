package org.circusmeta.manager.reconcile;

/**
 * The cluster watchers' records, as every replica reads and writes them, with what a write is
 * signed with ({@code placed_by}: this replica's name) and counted in (the placement meters), and
 * the one way their copies change ({@link Copies}). What the use cases that add, scale and remove
 * cluster watchers work with; the leader's reconciliation keeps them running (docs/placement.md).
 */
public record ClusterWatchers(ClusterRecords records, Replica replica, PlacementMetrics metrics, Copies copies) {}
