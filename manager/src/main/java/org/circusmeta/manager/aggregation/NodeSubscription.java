package org.circusmeta.manager.aggregation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.stream.CircusSubscriber;
import org.circusmeta.protocol.stream.StatsSample;
import org.circusmeta.protocol.stream.WatcherEvent;
import org.circusmeta.registration.record.NodeRecord;

/**
 * The relay's two SUB sockets on one node: its pubsub stream and, when it has one, its stats stream,
 * both read on the relay thread and handed to the {@link Republisher}.
 *
 * <p>Confined to the relay thread.
 */
final class NodeSubscription implements AutoCloseable {
    private final NodeTopics topics;
    private final Optional<String> pubsubEndpoint;
    private final Optional<String> statsEndpoint;
    private final Optional<CircusSubscriber> events;
    private final Optional<CircusSubscriber> stats;
    private long malformedCounted;

    private NodeSubscription(NodeTopics topics, NodeRecord record, Optional<CircusSubscriber> events,
            Optional<CircusSubscriber> stats) {
        this.topics = topics;
        this.pubsubEndpoint = record.pubsubEndpoint();
        this.statsEndpoint = record.statsEndpoint();
        this.events = events;
        this.stats = stats;
    }

    /** Subscribes to the node's streams; ZeroMQ connects when they are up and reconnects by itself. */
    static NodeSubscription open(SocketLoop loop, NodeRecord record, int highWaterMark, long maxMessageSize,
            Republisher republisher) {
        NodeTopics topics = new NodeTopics(record.name());
        Optional<CircusSubscriber> events = record.pubsubEndpoint().map(endpoint -> new CircusSubscriber(loop, endpoint,
                List.of(WatcherEvent.PREFIX), (topic, body) -> republisher.event(topics, topic, body), highWaterMark, maxMessageSize));
        Optional<CircusSubscriber> stats = record.statsEndpoint().map(endpoint -> new CircusSubscriber(loop, endpoint,
                List.of(StatsSample.PREFIX), (topic, body) -> republisher.stat(topics, topic, body), highWaterMark, maxMessageSize));
        NodeSubscription subscription = new NodeSubscription(topics, record, events, stats);
        try {
            events.ifPresent(CircusSubscriber::start);
            stats.ifPresent(CircusSubscriber::start);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription;
    }

    String node() {
        return topics.node();
    }

    boolean sameStreams(NodeRecord record) {
        return Objects.equals(pubsubEndpoint, record.pubsubEndpoint()) && Objects.equals(statsEndpoint, record.statsEndpoint());
    }

    String describe() {
        return "events " + pubsubEndpoint.orElse("(none)") + ", stats " + statsEndpoint.orElse("(none)");
    }

    /** Messages the subscribers dropped for their shape (frame count) since the last call. */
    long newlyMalformed() {
        long total = events.map(s -> s.counters().malformed()).orElse(0L) + stats.map(s -> s.counters().malformed()).orElse(0L);
        long fresh = total - malformedCounted;
        malformedCounted = total;
        return fresh;
    }

    @Override
    public void close() {
        events.ifPresent(CircusSubscriber::close);
        stats.ifPresent(CircusSubscriber::close);
    }
}
