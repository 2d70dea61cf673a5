package org.circusmeta.manager.aggregation;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.util.function.Supplier;

/**
 * What the relay counts in {@code /metrics}. What ZeroMQ drops (a subscriber of the manager's sockets
 * a whole high-water mark behind, or a node stream the manager reads too slowly) it drops silently,
 * per subscriber, and cannot be counted here.
 *
 * <p>Thread-safe.
 */
final class RelayMetrics {
    static final String PREFIX = "circusmeta.relay";
    static final String STATS_RELAYED = PREFIX + ".stats-relayed";
    static final String EVENTS_RELAYED = PREFIX + ".events-relayed";
    static final String MALFORMED = PREFIX + ".malformed";
    static final String SOCKET_STATS_DROPPED = PREFIX + ".socket-stats-dropped";
    static final String EVENT_READERS_DROPPED = "circusmeta.events.readers-dropped";

    private final MetricRegistry registry;
    private final Meter stats;
    private final Meter events;
    private final Counter malformed;
    private final Counter socketStats;
    private final Counter readersDropped;

    RelayMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.stats = registry.meter(STATS_RELAYED);
        this.events = registry.meter(EVENTS_RELAYED);
        this.malformed = registry.counter(MALFORMED);
        this.socketStats = registry.counter(SOCKET_STATS_DROPPED);
        this.readersDropped = registry.counter(EVENT_READERS_DROPPED);
    }

    void relayed(long statsCount, long eventsCount) {
        if (statsCount > 0) {
            stats.mark(statsCount);
        }
        if (eventsCount > 0) {
            events.mark(eventsCount);
        }
    }

    void malformed(long count) {
        if (count > 0) {
            malformed.inc(count);
        }
    }

    void socketStatDropped() {
        socketStats.inc();
    }

    void eventClientDropped() {
        readersDropped.inc();
    }

    <T> void gauge(String name, Supplier<T> value) {
        registry.gauge(name, () -> (Gauge<T>) value::get);
    }
}
