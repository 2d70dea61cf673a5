package org.circusmeta.manager.zookeeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * The {@code zookeeper:} block: where the registry lives, and, with {@code connect: embedded}, a
 * ZooKeeper server run inside the manager. Builds the Curator client the rest of the manager shares.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class ZooKeeperFactory {
    public static final String EMBEDDED = "embedded";

    @NotBlank
    private String connect = EMBEDDED;

    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be one znode name (letters, digits, '-' or '_')")
    private String namespace = "circusmeta";

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration sessionTimeout = Duration.seconds(10);

    @Valid
    @NotNull
    private EmbeddedZooKeeperFactory embedded = new EmbeddedZooKeeperFactory();

    @JsonProperty
    public String getConnect() {
        return connect;
    }

    @JsonProperty
    public void setConnect(String connect) {
        this.connect = connect;
    }

    @JsonProperty
    public String getNamespace() {
        return namespace;
    }

    @JsonProperty
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @JsonProperty
    public Duration getSessionTimeout() {
        return sessionTimeout;
    }

    @JsonProperty
    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    @JsonProperty
    public EmbeddedZooKeeperFactory getEmbedded() {
        return embedded;
    }

    @JsonProperty
    public void setEmbedded(EmbeddedZooKeeperFactory embedded) {
        this.embedded = embedded;
    }

    public boolean isEmbedded() {
        return EMBEDDED.equals(connect.strip());
    }

    /**
     * Builds the Curator client (and the embedded server when asked for) and hands both to the
     * environment's lifecycle, server first so that it stops last. Nothing connects before start;
     * start never waits for ZooKeeper, which may come up later.
     */
    public ZooKeeperConnection build(Environment environment) {
        String connectString = connect.strip();
        if (isEmbedded()) {
            EmbeddedZooKeeper server = embedded.build();
            environment.lifecycle().manage(server);
            connectString = server.connectString();
        }
        CuratorFramework client = ZooKeeperClients.newClient(connectString, namespace,
                java.time.Duration.ofMillis(sessionTimeout.toMilliseconds()));
        ZooKeeperConnection connection = new ZooKeeperConnection(client, connectString);
        environment.lifecycle().manage(connection);
        return connection;
    }
}
