package org.circusmeta.manager.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The {@code placement:} block (SPEC §4.3): the strategy and how long a lost node's cluster watchers
 * wait before they are placed elsewhere. Until placement by load lands, every strategy places on the
 * attached node with the fewest watchers.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class PlacementFactory {
    /** The strategies {@code placement.strategy} accepts. */
    public enum Strategy {
        LEAST_LOADED, ROUND_ROBIN, RANDOM;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @NotNull
    private Strategy strategy = Strategy.LEAST_LOADED;

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS, inclusive = true)
    private Duration rescheduleAfter = Duration.seconds(30);

    @JsonProperty
    public Strategy getStrategy() {
        return strategy;
    }

    @JsonProperty
    public void setStrategy(Strategy strategy) {
        this.strategy = strategy;
    }

    @JsonProperty
    public Duration getRescheduleAfter() {
        return rescheduleAfter;
    }

    @JsonProperty
    public void setRescheduleAfter(Duration rescheduleAfter) {
        this.rescheduleAfter = rescheduleAfter;
    }

    public Placement build() {
        return new FewestWatchersPlacement();
    }
}
