package org.circusmeta.manager;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.RegistryPaths;

/** What the cluster runs and records, read the way an operator would: each node's list, each /watchers record. */
final class ClusterWatcherChecks {
    private ClusterWatcherChecks() {}

    /** Each node's watchers, from circus's {@code list} on every node named (a node that did not answer has none). */
    static Map<String, Set<String>> running(ManagerClient api, Collection<String> nodes) {
        Map<String, ObjectNode> results = api.command(new CommandRequest("list", null, List.copyOf(nodes))).results();
        Map<String, Set<String>> running = new TreeMap<>();
        for (String node : nodes) {
            Set<String> names = new TreeSet<>();
            results.getOrDefault(node, CircusJson.object()).path("watchers").forEach(n -> names.add(n.asText()));
            running.put(node, names);
        }
        return running;
    }

    /** Where each watcher whose name starts with the prefix runs: name to the nodes running it. */
    static Map<String, List<String>> placements(Map<String, Set<String>> running, String prefix) {
        Map<String, List<String>> where = new TreeMap<>();
        running.forEach((node, names) -> names.stream().filter(n -> n.startsWith(prefix))
                .forEach(n -> where.computeIfAbsent(n, k -> new ArrayList<>()).add(node)));
        return where;
    }

    /** How many of the prefixed watchers each node runs. */
    static Map<String, Integer> counts(Map<String, Set<String>> running, String prefix) {
        Map<String, Integer> counts = new TreeMap<>();
        running.forEach((node, names) -> counts.put(node, (int) names.stream().filter(n -> n.startsWith(prefix)).count()));
        return counts;
    }

    /** Every cluster watcher record: key to the node of its first copy ("" for none). */
    static Map<String, String> records(CuratorFramework curator) {
        Map<String, String> records = new HashMap<>();
        try {
            if (curator.checkExists().forPath(RegistryPaths.WATCHERS) == null) {
                return records;
            }
            for (String key : curator.getChildren().forPath(RegistryPaths.WATCHERS)) {
                byte[] data = curator.getData().forPath(RegistryPaths.watcher(key));
                records.put(key, ClusterWatcherRecord.parse(data).orElseThrow().node().orElse(""));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + RegistryPaths.WATCHERS, e);
        }
        return records;
    }

    /** A watcher running {@code sleep 600}, placed by the manager among the nodes that match the constraints. */
    static AddWatcherRequest sleeper(String name, Map<String, String> constraints) {
        return new AddWatcherRequest(name, "sleep", JsonNodeFactory.instance.arrayNode().add("600"), null, null, null, null, null, constraints,
                null);
    }
}
