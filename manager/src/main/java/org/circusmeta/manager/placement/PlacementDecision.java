package org.circusmeta.manager.placement;

/** The node chosen for a watcher, and why, in words for the API's {@code reason} and the log. */
public record PlacementDecision(String node, String reason) {}
