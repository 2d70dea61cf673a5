package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer (201) to {@code POST /api/watchers}: where the watcher went and why that node. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AddedWatcher(String name, String node, String reason) {}
