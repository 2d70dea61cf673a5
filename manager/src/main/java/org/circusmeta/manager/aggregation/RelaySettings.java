package org.circusmeta.manager.aggregation;

import java.time.Duration;

/**
 * How the relay runs. Immutable.
 *
 * @param pubsubEndpoint where the manager publishes every node's events (PUB)
 * @param statsEndpoint where the manager publishes every node's stats (PUB)
 * @param highWaterMark messages queued for one subscriber of those sockets before ZeroMQ drops new ones for it
 * @param nodeHighWaterMark messages queued from one node's stream before ZeroMQ drops new ones from it
 * @param statsExpireAfter how long a watcher's figures stay without a fresh sample
 * @param eventsQueue events queued for one reader of {@code GET /api/events} before it is dropped
 * @param eventsMaxReaders readers of {@code GET /api/events} at once
 * @param maxMessageSize bytes a message of a node's stream may have (ZeroMQ drops a bigger one unread); -1 for no bound
 */
public record RelaySettings(String pubsubEndpoint, String statsEndpoint, int highWaterMark, int nodeHighWaterMark,
        Duration statsExpireAfter, int eventsQueue, int eventsMaxReaders, long maxMessageSize) {
    /** Without a bound on the size of the nodes' messages. */
    public RelaySettings(String pubsubEndpoint, String statsEndpoint, int highWaterMark, int nodeHighWaterMark,
            Duration statsExpireAfter, int eventsQueue, int eventsMaxReaders) {
        this(pubsubEndpoint, statsEndpoint, highWaterMark, nodeHighWaterMark, statsExpireAfter, eventsQueue,
                eventsMaxReaders, -1);
    }

    public RelaySettings withMaxMessageSize(long bytes) {
        return new RelaySettings(pubsubEndpoint, statsEndpoint, highWaterMark, nodeHighWaterMark, statsExpireAfter,
                eventsQueue, eventsMaxReaders, bytes);
    }
}
