package org.circusmeta.manager.zookeeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * The {@code zookeeper:} block: where the registry lives, and, with {@code connect: embedded}, a
 * ZooKeeper server run inside the manager; with {@code auth}, ZooKeeper ACLs; with {@code
 * clientConfig}, a ZooKeeper client configuration file (Java properties: {@code zookeeper.ssl.*} and
 * the like, for TLS). Builds the Curator client the rest of the manager shares.
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

    @Valid
    @NotNull
    private ZooKeeperAuthFactory auth = new ZooKeeperAuthFactory();

    private String clientConfig;

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

    @JsonProperty
    public ZooKeeperAuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(ZooKeeperAuthFactory auth) {
        this.auth = auth;
    }

    @JsonProperty
    public String getClientConfig() {
        return clientConfig;
    }

    @JsonProperty
    public void setClientConfig(String clientConfig) {
        this.clientConfig = clientConfig;
    }

    public boolean isEmbedded() {
        return EMBEDDED.equals(connect.strip());
    }

    /**
     * Builds the Curator client (and the embedded server when asked for) and hands both to the
     * environment's lifecycle, server first so that it stops last. Nothing connects before start;
     * start never waits for ZooKeeper, which may come up later, except with ACLs on: then {@link
     * NamespaceAcls}, managed right after the connection, waits a few seconds to secure the namespace.
     *
     * @throws IllegalArgumentException when the credentials or the client configuration file cannot be read
     */
    public ZooKeeperConnection build(Environment environment) {
        String connectString = connect.strip();
        if (isEmbedded()) {
            EmbeddedZooKeeper server = embedded.build();
            environment.lifecycle().manage(server);
            connectString = server.connectString();
        }
        ZooKeeperSettings settings = ZooKeeperSettings.of(connectString, namespace,
                java.time.Duration.ofMillis(sessionTimeout.toMilliseconds()));
        if (clientConfig != null && !clientConfig.isBlank()) {
            settings = settings.withClientConfig(Path.of(clientConfig.strip()));
        }
        Optional<ZooKeeperCredentials> identity = auth.credentials();
        if (identity.isPresent()) {
            settings = settings.withCredentials(identity.get());
        }
        Optional<ManagerAcls> acls = identity.map(id -> new ManagerAcls(namespace, id.id(), auth.registrarIds()));
        CuratorFramework client = acls.isPresent() ? settings.newClient(acls.get()) : settings.newClient();
        ZooKeeperConnection connection = new ZooKeeperConnection(client, connectString, acls);
        environment.lifecycle().manage(connection);
        if (acls.isPresent()) {
            environment.lifecycle().manage(new NamespaceAcls(client, acls.get(), identity.get(),
                    environment.lifecycle().executorService("zookeeper-acls-%d").minThreads(1).maxThreads(1).build()));
        }
        return connection;
    }
}
