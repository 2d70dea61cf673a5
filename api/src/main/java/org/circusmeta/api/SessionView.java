package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer to {@code GET /api/session}: who the manager takes the caller for (a token's name, or the
 * client's address where no tokens are set) and its role, {@code read}, {@code operate} or
 * {@code admin}; what the dashboard enables its actions by.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionView(String name, String role) {}
