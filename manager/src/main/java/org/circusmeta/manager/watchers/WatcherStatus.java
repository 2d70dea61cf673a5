package org.circusmeta.manager.watchers;

/** One watcher on one node: its state as circusd says it and its process count (-1 when unknown). */
public record WatcherStatus(String name, String status, int numprocesses) {}
