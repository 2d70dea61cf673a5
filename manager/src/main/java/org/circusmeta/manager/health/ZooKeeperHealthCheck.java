package org.circusmeta.manager.health;

import com.codahale.metrics.health.HealthCheck;
import org.circusmeta.manager.zookeeper.ZooKeeperConnection;

/** Healthy while the manager is connected to ZooKeeper. Thread-safe. */
public class ZooKeeperHealthCheck extends HealthCheck {
    private final ZooKeeperConnection zookeeper;

    public ZooKeeperHealthCheck(ZooKeeperConnection zookeeper) {
        this.zookeeper = zookeeper;
    }

    @Override
    protected Result check() {
        if (zookeeper.isConnected()) {
            return Result.healthy("connected to " + zookeeper.connectString());
        }
        return Result.unhealthy("not connected to ZooKeeper at " + zookeeper.connectString()
                + zookeeper.disconnectedSince().map(t -> " since " + t).orElse("")
                + "; the manager serves the registry as it last saw it and catches up once ZooKeeper is back");
    }
}
