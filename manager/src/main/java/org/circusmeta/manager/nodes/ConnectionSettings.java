package org.circusmeta.manager.nodes;

import java.time.Duration;

/**
 * How the manager talks to nodes.
 *
 * @param commandTimeout the one deadline of a command, on one node or fanned out to many
 * @param livenessInterval how often every node is probed with {@code numwatchers}
 * @param livenessTimeout how long a probe may wait before the node is {@code unreachable}
 */
public record ConnectionSettings(Duration commandTimeout, Duration livenessInterval, Duration livenessTimeout) {}
