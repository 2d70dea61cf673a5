package org.circusmeta.protocol.stream;

/**
 * What a subscriber has seen since it started.
 *
 * @param received messages handed to the listener
 * @param malformed messages dropped: wrong frame count, topic of the wrong form, body not a JSON object
 * @param listenerFailures messages whose listener threw something else (logged, then dropped)
 */
public record StreamCounters(long received, long malformed, long listenerFailures) {}
