package org.circusmeta.manager.aggregation;

import java.nio.charset.StandardCharsets;

/** Feeds the relay's live stats and events readers by hand, as the relay thread does, for tests outside this package. */
public final class RelayFeed {
    private RelayFeed() {}

    /** One watcher's aggregate ({@code {"pid": [...], "cpu": MEAN, "mem": SUM}}) from a node, published at once. */
    public static void sample(LiveStats live, String node, String watcher, String aggregate) {
        live.record(node, watcher, aggregate.getBytes(StandardCharsets.UTF_8), 0);
        live.publish(0);
    }

    /** One event of a node, handed to every reader that wants it. */
    public static void event(EventHub hub, String node, String watcher, String event, String body) {
        hub.publish(new RelayEvent(node, watcher, event, body.getBytes(StandardCharsets.UTF_8)));
    }
}
