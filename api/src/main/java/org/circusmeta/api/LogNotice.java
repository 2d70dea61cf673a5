package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a follow of {@code GET /api/logs?follow=true} says besides lines, as the {@code data:} of a
 * server-sent event named {@code notice} (a node left, stopped answering, answers again, cannot serve
 * the watcher) or {@code end} (the last event of the stream: why it ends). {@code node} is absent when
 * the notice is not about one node.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogNotice(@JsonInclude(JsonInclude.Include.NON_NULL) String node, String message) {}
