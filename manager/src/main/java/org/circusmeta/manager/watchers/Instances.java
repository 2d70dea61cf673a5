package org.circusmeta.manager.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.circusmeta.api.InstancesValue;

/**
 * How many copies of a cluster watcher run, each on a node of its own: a count, or one on every node
 * that fits ({@code "all"}). In JSON a positive whole number or {@code "all"}.
 *
 * <p>Immutable.
 *
 * @param count the copies asked for; 0 for {@code "all"}
 */
public record Instances(int count) {
    public static final Instances ONE = new Instances(1);
    public static final Instances ALL = new Instances(0);
    private static final String ALL_WORD = InstancesValue.ALL;
    private static final String EXPECTED = InstancesValue.MESSAGE;

    public Instances {
        if (count < 0) {
            throw new IllegalArgumentException("instances " + EXPECTED);
        }
    }

    public static Instances of(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("instances " + EXPECTED + ", not " + count);
        }
        return new Instances(count);
    }

    /** The JSON value read, when it is one; absent (or null) is empty too. */
    public static Optional<Instances> read(JsonNode json) {
        if (json == null || json.isMissingNode() || json.isNull() || !InstancesValue.isValid(json)) {
            return Optional.empty();
        }
        return Optional.of(json.isTextual() ? ALL : new Instances(json.intValue()));
    }

    public boolean isEvery() {
        return count == 0;
    }

    public JsonNode toJson() {
        return isEvery() ? InstancesValue.all() : InstancesValue.of(count);
    }

    @Override
    public String toString() {
        return isEvery() ? ALL_WORD : Integer.toString(count);
    }
}
