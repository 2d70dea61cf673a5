package org.circusmeta.manager.nodes;

import java.time.Duration;

/**
 * How the manager talks to nodes.
 *
 * @param commandTimeout the one deadline of a command, on one node or fanned out to many
 * @param livenessInterval how often every node is probed with {@code numwatchers}
 * @param livenessTimeout how long a probe may wait before the node is {@code unreachable}
 * @param maxMessageSize bytes a node's reply may have (ZeroMQ drops a bigger one unread); -1 for no bound
 */
public record ConnectionSettings(Duration commandTimeout, Duration livenessInterval, Duration livenessTimeout,
        long maxMessageSize) {
    /** Without a bound on the size of a node's replies. */
    public ConnectionSettings(Duration commandTimeout, Duration livenessInterval, Duration livenessTimeout) {
        this(commandTimeout, livenessInterval, livenessTimeout, -1);
    }
}
