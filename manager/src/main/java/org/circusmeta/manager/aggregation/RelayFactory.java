package org.circusmeta.manager.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code circus.relay:} block: how much the relay of every node's events and stats may hold, and
 * for whom (see {@link StreamRelay} for what is dropped when).
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class RelayFactory {
    /** Messages ZeroMQ queues for one subscriber of the manager's pubsub or stats socket before dropping new ones for it. */
    @Min(1)
    private int highWaterMark = 10_000;

    /** Messages ZeroMQ queues from one node's stream before dropping new ones from it. */
    @Min(1)
    private int nodeHighWaterMark = 10_000;

    /** How long a watcher's live figures are kept without a fresh sample (nodes publish every second). */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration statsExpireAfter = Duration.seconds(5);

    /** Events queued for one reader of {@code GET /api/events}; one that falls this far behind is dropped. */
    @Min(1)
    private int eventsQueue = 1_000;

    /** Readers of {@code GET /api/events} at once (each has a thread while it reads). */
    @Min(1)
    @Max(1_000)
    private int eventsMaxReaders = 64;

    @JsonProperty
    public int getHighWaterMark() {
        return highWaterMark;
    }

    @JsonProperty
    public void setHighWaterMark(int highWaterMark) {
        this.highWaterMark = highWaterMark;
    }

    @JsonProperty
    public int getNodeHighWaterMark() {
        return nodeHighWaterMark;
    }

    @JsonProperty
    public void setNodeHighWaterMark(int nodeHighWaterMark) {
        this.nodeHighWaterMark = nodeHighWaterMark;
    }

    @JsonProperty
    public Duration getStatsExpireAfter() {
        return statsExpireAfter;
    }

    @JsonProperty
    public void setStatsExpireAfter(Duration statsExpireAfter) {
        this.statsExpireAfter = statsExpireAfter;
    }

    @JsonProperty
    public int getEventsQueue() {
        return eventsQueue;
    }

    @JsonProperty
    public void setEventsQueue(int eventsQueue) {
        this.eventsQueue = eventsQueue;
    }

    @JsonProperty
    public int getEventsMaxReaders() {
        return eventsMaxReaders;
    }

    @JsonProperty
    public void setEventsMaxReaders(int eventsMaxReaders) {
        this.eventsMaxReaders = eventsMaxReaders;
    }

    public RelaySettings settings(String pubsubEndpoint, String statsEndpoint) {
        return new RelaySettings(pubsubEndpoint, statsEndpoint, highWaterMark, nodeHighWaterMark,
                java.time.Duration.ofMillis(statsExpireAfter.toMilliseconds()), eventsQueue, eventsMaxReaders);
    }
}
