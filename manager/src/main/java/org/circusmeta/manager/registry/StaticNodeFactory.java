package org.circusmeta.manager.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.api.Names;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.registration.record.NodeRecord;

/**
 * One entry of config.yml's {@code nodes:}: a node that cannot run the agent (a circusd on a host
 * without Java), which the manager attaches as if it had registered, with kind {@code static}, and
 * probes like the others. Nothing about it is written in ZooKeeper.
 *
 * <pre>nodes:
 *   - name: legacy-01
 *     endpoint: tcp://10.0.0.7:5555
 *     pubsub_endpoint: tcp://10.0.0.7:5556
 *     stats_endpoint: tcp://10.0.0.7:5557
 *     labels: {tier: web}
 *     capacity: 1.0</pre>
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class StaticNodeFactory {
    /** What a static node's record says of the daemon's version: circusd has no command that tells it. */
    static final String VERSION = "0.19";

    @NotNull
    @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE)
    private String name;

    @NotNull
    @NodeEndpoint
    private String endpoint;

    // Named as config.yml writes the keys (those of the node record), so that an error names the key.
    @NodeEndpoint
    private String pubsub_endpoint;

    @NodeEndpoint
    private String stats_endpoint;

    @NotNull
    private Map<@NotBlank String, @NotNull String> labels = new TreeMap<>();

    @Positive
    private double capacity = 1.0;

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public String getEndpoint() {
        return endpoint;
    }

    @JsonProperty
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    @JsonProperty("pubsub_endpoint")
    public String getPubsubEndpoint() {
        return pubsub_endpoint;
    }

    @JsonProperty("pubsub_endpoint")
    public void setPubsubEndpoint(String pubsubEndpoint) {
        this.pubsub_endpoint = pubsubEndpoint;
    }

    @JsonProperty("stats_endpoint")
    public String getStatsEndpoint() {
        return stats_endpoint;
    }

    @JsonProperty("stats_endpoint")
    public void setStatsEndpoint(String statsEndpoint) {
        this.stats_endpoint = statsEndpoint;
    }

    @JsonProperty
    public Map<String, String> getLabels() {
        return labels;
    }

    @JsonProperty
    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    @JsonProperty
    public double getCapacity() {
        return capacity;
    }

    @JsonProperty
    public void setCapacity(double capacity) {
        this.capacity = capacity;
    }

    /** The node's record, as if it had registered {@code at} (the manager's start); its host is the endpoint's. */
    public NodeRecord record(Instant at) {
        Endpoint control = Endpoint.parse(endpoint);
        return new NodeRecord(name, endpoint, Optional.ofNullable(pubsub_endpoint), Optional.ofNullable(stats_endpoint),
                Optional.empty(), control.isTcp() ? control.host() : "localhost", labels, capacity, NodeRecord.KIND_STATIC,
                VERSION, at, CircusJson.object());
    }
}
