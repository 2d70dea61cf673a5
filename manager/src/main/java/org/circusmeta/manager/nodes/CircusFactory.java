package org.circusmeta.manager.nodes;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.aggregation.RelayFactory;
import org.circusmeta.manager.aggregation.RelaySettings;
import org.circusmeta.manager.logs.LogsFactory;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.protocol.Endpoint;

/**
 * The {@code circus:} block: the manager's own circus-compatible sockets (docs/cluster-endpoint.md,
 * bound by the cluster endpoint and the relay), the command deadline, how nodes are probed and
 * served, and how their logs are followed. Builds the socket loops and the node connections.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class CircusFactory {
    @Valid
    @NotNull
    private RelayFactory relay = new RelayFactory();

    @Valid
    @NotNull
    private LogsFactory logs = new LogsFactory();

    @NotBlank
    private String endpoint = "tcp://127.0.0.1:5655";

    @NotBlank
    private String pubsubEndpoint = "tcp://127.0.0.1:5656";

    @NotBlank
    private String statsEndpoint = "tcp://127.0.0.1:5657";

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration commandTimeout = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration livenessInterval = Duration.milliseconds(500);

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration livenessTimeout = Duration.seconds(1);

    @Min(1)
    @Max(64)
    private int socketLoops = 2;

    /** How long the cluster endpoint waits for the nodes: under circusctl's own 5 s, so that a slow node is named. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration endpointTimeout = Duration.seconds(4);

    /** The most a message read from a node or a client may have; ZeroMQ drops the connection on a bigger one. */
    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
    private DataSize maxMessageSize = DataSize.mebibytes(16);

    @JsonProperty
    public String getEndpoint() {
        return endpoint;
    }

    @JsonProperty
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    @JsonProperty
    public String getPubsubEndpoint() {
        return pubsubEndpoint;
    }

    @JsonProperty
    public void setPubsubEndpoint(String pubsubEndpoint) {
        this.pubsubEndpoint = pubsubEndpoint;
    }

    @JsonProperty
    public String getStatsEndpoint() {
        return statsEndpoint;
    }

    @JsonProperty
    public void setStatsEndpoint(String statsEndpoint) {
        this.statsEndpoint = statsEndpoint;
    }

    @JsonProperty
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    @JsonProperty
    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    @JsonProperty
    public Duration getLivenessInterval() {
        return livenessInterval;
    }

    @JsonProperty
    public void setLivenessInterval(Duration livenessInterval) {
        this.livenessInterval = livenessInterval;
    }

    @JsonProperty
    public Duration getLivenessTimeout() {
        return livenessTimeout;
    }

    @JsonProperty
    public void setLivenessTimeout(Duration livenessTimeout) {
        this.livenessTimeout = livenessTimeout;
    }

    @JsonProperty
    public int getSocketLoops() {
        return socketLoops;
    }

    @JsonProperty
    public void setSocketLoops(int socketLoops) {
        this.socketLoops = socketLoops;
    }

    @JsonProperty
    public Duration getEndpointTimeout() {
        return endpointTimeout;
    }

    @JsonProperty
    public void setEndpointTimeout(Duration endpointTimeout) {
        this.endpointTimeout = endpointTimeout;
    }

    @JsonProperty
    public RelayFactory getRelay() {
        return relay;
    }

    @JsonProperty
    public void setRelay(RelayFactory relay) {
        this.relay = relay;
    }

    @JsonProperty
    public LogsFactory getLogs() {
        return logs;
    }

    @JsonProperty
    public void setLogs(LogsFactory logs) {
        this.logs = logs;
    }

    @JsonProperty
    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    @JsonProperty
    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public java.time.Duration endpointDeadline() {
        return java.time.Duration.ofMillis(endpointTimeout.toMilliseconds());
    }

    public RelaySettings relaySettings() {
        return relay.settings(pubsubEndpoint, statsEndpoint).withMaxMessageSize(maxMessageSize.toBytes());
    }

    @ValidationMethod(message = "has an endpoint that is not tcp://HOST:PORT or ipc://PATH")
    public boolean isEveryEndpointValid() {
        try {
            Endpoint.parse(endpoint);
            Endpoint.parse(pubsubEndpoint);
            Endpoint.parse(statsEndpoint);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    public ConnectionSettings settings() {
        return new ConnectionSettings(java.time.Duration.ofMillis(commandTimeout.toMilliseconds()),
                java.time.Duration.ofMillis(livenessInterval.toMilliseconds()),
                java.time.Duration.ofMillis(livenessTimeout.toMilliseconds()), maxMessageSize.toBytes());
    }

    public SocketLoops buildLoops() {
        return new SocketLoops("node-io", socketLoops);
    }

    public NodeConnections buildConnections(RegistryWatch registry, SocketLoops loops, MetricRegistry metrics) {
        return new NodeConnections(registry, loops, settings(), metrics);
    }
}
