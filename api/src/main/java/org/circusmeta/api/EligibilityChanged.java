package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer (200) to {@code POST /api/nodes/{node}/cordon} and {@code /uncordon}: whether the node takes
 * new placements now, and what was done.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EligibilityChanged(String node, boolean eligible, String message) {}
