package org.circusmeta.manager;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import org.circusmeta.manager.auth.AuthFactory;
import org.circusmeta.manager.http.HttpFactory;
import org.circusmeta.manager.nodes.CircusFactory;
import org.circusmeta.manager.placement.PlacementFactory;
import org.circusmeta.manager.registry.DistinctNodeNames;
import org.circusmeta.manager.registry.StaticNodeFactory;
import org.circusmeta.manager.zookeeper.ZooKeeperFactory;

/**
 * {@code config.yml} (the README's table): Dropwizard's sections plus zookeeper, circus, placement, auth, http,
 * and the static nodes.
 */
public class ManagerConfiguration extends Configuration {
    @Valid
    @NotNull
    private ZooKeeperFactory zookeeper = new ZooKeeperFactory();

    @Valid
    @NotNull
    private CircusFactory circus = new CircusFactory();

    @Valid
    @NotNull
    private PlacementFactory placement = new PlacementFactory();

    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    @Valid
    @NotNull
    private HttpFactory http = new HttpFactory();

    @Valid
    @NotNull
    @DistinctNodeNames
    private List<@NotNull StaticNodeFactory> nodes = new ArrayList<>();

    public ManagerConfiguration() {
        // Without a server section the API is open to loopback only, as with the repository's config.yml.
        if (getServerFactory() instanceof DefaultServerFactory server) {
            server.getApplicationConnectors().forEach(ManagerConfiguration::loopback);
            server.getAdminConnectors().forEach(ManagerConfiguration::loopback);
        }
    }

    private static void loopback(Object connector) {
        if (connector instanceof HttpConnectorFactory http && http.getBindHost() == null) {
            http.setBindHost("127.0.0.1");
        }
    }

    @JsonProperty
    public ZooKeeperFactory getZookeeper() {
        return zookeeper;
    }

    @JsonProperty
    public void setZookeeper(ZooKeeperFactory zookeeper) {
        this.zookeeper = zookeeper;
    }

    @JsonProperty
    public CircusFactory getCircus() {
        return circus;
    }

    @JsonProperty
    public void setCircus(CircusFactory circus) {
        this.circus = circus;
    }

    @JsonProperty
    public PlacementFactory getPlacement() {
        return placement;
    }

    @JsonProperty
    public void setPlacement(PlacementFactory placement) {
        this.placement = placement;
    }

    @JsonProperty
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }

    @JsonProperty
    public HttpFactory getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpFactory http) {
        this.http = http;
    }

    /** Nodes that cannot register themselves, attached as if they had (kind {@code static}). */
    @JsonProperty
    public List<StaticNodeFactory> getNodes() {
        return nodes;
    }

    @JsonProperty
    public void setNodes(List<StaticNodeFactory> nodes) {
        this.nodes = nodes;
    }
}
