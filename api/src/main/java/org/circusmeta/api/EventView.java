package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One event of one node, as {@code GET /api/events} streams it (the {@code data:} of a server-sent event); the body as the node sent it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventView(String node, String watcher, String event, ObjectNode body) {}
