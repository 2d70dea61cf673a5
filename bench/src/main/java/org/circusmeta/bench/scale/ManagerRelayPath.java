package org.circusmeta.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.circusmeta.bench.manager.FakeNodes;
import org.circusmeta.client.AdminClient;
import org.circusmeta.bench.relay.RelayPath;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;

/**
 * The relay path through the manager's own process: each publisher is registered as a node (its
 * control socket a fake node that answers the probes, its stats endpoint the publisher), the manager
 * attaches it and subscribes, and the reader reads the manager's {@code statsEndpoint}. The nodes'
 * znodes are deleted at the end of the round.
 *
 * <p>Confined to the thread that measures.
 */
final class ManagerRelayPath implements RelayPath {
    private final ManagerProcess manager;
    private final AdminClient admin;
    private final CuratorFramework curator;
    private final FakeNodes controls;
    private final String statsEndpoint;
    private final String prefix;
    private final List<String> names = new ArrayList<>();

    ManagerRelayPath(ManagerProcess manager, AdminClient admin, CuratorFramework curator, FakeNodes controls,
            String statsEndpoint, String prefix) {
        this.manager = manager;
        this.admin = admin;
        this.curator = curator;
        this.controls = controls;
        this.statsEndpoint = statsEndpoint;
        this.prefix = prefix;
    }

    @Override
    public List<String> open(List<String> publishers) {
        try {
            for (int i = 0; i < publishers.size(); i++) {
                String name = prefix + i;
                byte[] record = NodeRecord.of(name, controls.endpoint(i), Optional.empty(), Optional.of(publishers.get(i)),
                        "localhost", Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0").toString().getBytes(StandardCharsets.UTF_8);
                curator.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(RegistryPaths.node(name), record);
                names.add(name);
            }
            manager.states().allAttached(names).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the relay's fake nodes were not attached within 60 s", e);
        }
        return List.of(statsEndpoint);
    }

    @Override
    public long relayed() {
        return admin.metrics().path("meters").path("circusmeta.relay.stats-relayed").path("count").asLong();
    }

    @Override
    public double relayCpuSeconds() {
        return manager.threadCpuSeconds("relay");
    }

    @Override
    public void close() {
        List<CompletableFuture<Long>> gone = new ArrayList<>();
        for (String name : names) {
            gone.add(manager.states().next(name, NodeStates.State.DETACHED));
            try {
                curator.delete().forPath(RegistryPaths.node(name));
            } catch (Exception e) {
                throw new IllegalStateException("could not delete the relay's fake node " + name, e);
            }
        }
        try {
            CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the relay's fake nodes were not detached within 30 s", e);
        }
    }
}
