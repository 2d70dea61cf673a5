package org.circusmeta.manager.aggregation;

import java.util.HashSet;
import java.util.Set;
import org.circusmeta.protocol.stream.Publisher;
import org.circusmeta.protocol.stream.WatcherEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's hot path: each message a node's stream brings is republished at once on the manager's
 * socket, on the same thread that read it (no hand-over, no copy but the rewritten topic and body);
 * aggregates feed the live stats, events feed the events readers.
 *
 * <p>Confined to the relay thread.
 */
final class Republisher {
    private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);
    private static final int EVENT = WatcherEvent.PREFIX.length();
    private static final String DAEMON = "circus";

    private final Publisher stats;
    private final Publisher events;
    private final LiveStats live;
    private final EventHub hub;
    private final RelayMetrics metrics;
    private final Set<String> warned = new HashSet<>();
    // Counted here and handed to the meters now and then: marking a meter per message costs more than relaying it.
    private long statsRelayed;
    private long eventsRelayed;

    Republisher(Publisher stats, Publisher events, LiveStats live, EventHub hub, RelayMetrics metrics) {
        this.stats = stats;
        this.events = events;
        this.live = live;
        this.hub = hub;
        this.metrics = metrics;
    }

    void stat(NodeTopics node, String topic, byte[] body) {
        if (NodeTopics.isSocketStat(topic)) {
            metrics.socketStatDropped();
            return;
        }
        if (!NodeTopics.isObject(body)) {
            malformed(node, topic, "its body is not a JSON object");
            return;
        }
        stats.publish(node.statTopic(topic), node.withNode(body));
        statsRelayed++;
        if (NodeTopics.isAggregate(topic)) {
            String watcher = NodeTopics.statWatcher(topic);
            if (!watcher.equals(DAEMON) && !live.record(node.node(), watcher, body, System.nanoTime())) {
                malformed(node, topic, "its figures could not be read, so they are not in the live load");
            }
        }
    }

    void event(NodeTopics node, String topic, byte[] body) {
        int last = topic.lastIndexOf('.');
        if (last <= EVENT || last == topic.length() - 1) {
            malformed(node, topic, "the topic is not watcher.NAME.EVENT");
            return;
        }
        if (!NodeTopics.isObject(body)) {
            malformed(node, topic, "its body is not a JSON object");
            return;
        }
        events.publish(node.eventTopic(topic), node.withNode(body));
        eventsRelayed++;
        if (hub.hasClients()) {
            hub.publish(new RelayEvent(node.node(), topic.substring(EVENT, last), topic.substring(last + 1), body));
        }
    }

    /** Hands the counts since the last call to the meters. */
    void flushCounts() {
        metrics.relayed(statsRelayed, eventsRelayed);
        statsRelayed = 0;
        eventsRelayed = 0;
    }

    void forget(String node) {
        warned.remove(node);
    }

    private void malformed(NodeTopics node, String topic, String why) {
        metrics.malformed(1);
        if (warned.add(node.node())) {
            LOG.warn("node {} sent a message on '{}' that is dropped: {}; further ones from it are counted in"
                    + " /metrics ({}), not logged", node.node(), topic, why, RelayMetrics.MALFORMED);
        } else {
            LOG.debug("node {}: dropped a message on '{}': {}", node.node(), topic, why);
        }
    }
}
