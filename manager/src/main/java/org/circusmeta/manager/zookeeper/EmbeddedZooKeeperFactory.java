package org.circusmeta.manager.zookeeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;

/**
 * The {@code zookeeper.embedded:} block: the port, address and data folder of the ZooKeeper server
 * the manager runs itself when {@code connect} is {@code embedded}. Port 0 picks a free port.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class EmbeddedZooKeeperFactory {
    @Min(0)
    @Max(65535)
    private int port = 2181;

    @NotBlank
    private String dataDir = "./data/zookeeper";

    // Loopback by default, like the rest of the default configuration; 0.0.0.0 lets other hosts register.
    @NotBlank
    private String host = "127.0.0.1";

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }

    @JsonProperty
    public String getDataDir() {
        return dataDir;
    }

    @JsonProperty
    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        this.host = host;
    }

    public EmbeddedZooKeeper build() {
        return new EmbeddedZooKeeper(host, port, Path.of(dataDir));
    }
}
