package org.circusmeta.manager.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code placement:} block (docs/placement.md): the strategy and the load weights, how long a
 * placement counts before the stats show it, how long a lost node's cluster watchers wait before they
 * are placed elsewhere, how many lost nodes at once pause that, and how often the leader compares the
 * records with what runs.
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

    /** {@code placement.weights}: what one busy core, the whole memory and one process weigh in a node's load. */
    public static class WeightsFactory {
        @PositiveOrZero
        private double cpu = Weights.DEFAULTS.cpu();
        @PositiveOrZero
        private double mem = Weights.DEFAULTS.mem();
        @PositiveOrZero
        private double processes = Weights.DEFAULTS.processes();

        @JsonProperty
        public double getCpu() {
            return cpu;
        }

        @JsonProperty
        public void setCpu(double cpu) {
            this.cpu = cpu;
        }

        @JsonProperty
        public double getMem() {
            return mem;
        }

        @JsonProperty
        public void setMem(double mem) {
            this.mem = mem;
        }

        @JsonProperty
        public double getProcesses() {
            return processes;
        }

        @JsonProperty
        public void setProcesses(double processes) {
            this.processes = processes;
        }

        @ValidationMethod(message = "placement.weights: cpu, mem and processes cannot all be 0")
        public boolean isNotAllZero() {
            return cpu + mem + processes > 0;
        }

        public Weights build() {
            return new Weights(cpu, mem, processes);
        }
    }

    @NotNull
    private Strategy strategy = Strategy.LEAST_LOADED;

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS, inclusive = true)
    private Duration rescheduleAfter = Duration.seconds(30);

    @Valid
    @NotNull
    private WeightsFactory weights = new WeightsFactory();

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS, inclusive = true)
    private Duration reservationTimeout = Duration.seconds(10);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration reconcileInterval = Duration.seconds(5);

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    private double maxLostFraction = 0.3;

    private Long seed;

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

    @JsonProperty
    public WeightsFactory getWeights() {
        return weights;
    }

    @JsonProperty
    public void setWeights(WeightsFactory weights) {
        this.weights = weights;
    }

    @JsonProperty
    public Duration getReservationTimeout() {
        return reservationTimeout;
    }

    @JsonProperty
    public void setReservationTimeout(Duration reservationTimeout) {
        this.reservationTimeout = reservationTimeout;
    }

    @JsonProperty
    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    @JsonProperty
    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    /** More than this fraction of the nodes leaving within one {@code rescheduleAfter} pauses rescheduling. */
    @JsonProperty
    public double getMaxLostFraction() {
        return maxLostFraction;
    }

    @JsonProperty
    public void setMaxLostFraction(double maxLostFraction) {
        this.maxLostFraction = maxLostFraction;
    }

    /** The random strategy's seed; absent, a new one each start. */
    @JsonProperty
    public Optional<Long> getSeed() {
        return Optional.ofNullable(seed);
    }

    @JsonProperty
    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Placement build() {
        return switch (strategy) {
            case LEAST_LOADED -> new LeastLoadedPlacement(weights.build());
            case ROUND_ROBIN -> new RoundRobinPlacement();
            case RANDOM -> new RandomPlacement();
        };
    }

    public Placer buildPlacer(Supplier<List<Candidate>> observed) {
        return new Placer(build(), observed, reservationTimeout.toJavaDuration(),
                getSeed().orElseGet(System::nanoTime));
    }
}
