package org.circusmeta.manager;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.registration.record.RegistryPaths;

/** What the cluster runs and records, read the way an operator would: each node's list, each /watchers record. */
final class ClusterWatcherChecks {
    private ClusterWatcherChecks() {}

    /** Each node's watchers, from circus's {@code list} on every node named (a node that did not answer has none). */
    static Map<String, Set<String>> running(Http api, Collection<String> nodes) {
        String body = "{\"command\": \"list\", \"nodes\": [\"" + String.join("\", \"", nodes) + "\"]}";
        JsonNode results = api.post("/api/command", body).json().path("results");
        Map<String, Set<String>> running = new TreeMap<>();
        for (String node : nodes) {
            Set<String> names = new TreeSet<>();
            results.path(node).path("watchers").forEach(n -> names.add(n.asText()));
            running.put(node, names);
        }
        return running;
    }

    /** Where each watcher whose name starts with the prefix runs: name to the nodes running it. */
    static Map<String, List<String>> placements(Map<String, Set<String>> running, String prefix) {
        Map<String, List<String>> where = new TreeMap<>();
        running.forEach((node, names) -> names.stream().filter(n -> n.startsWith(prefix))
                .forEach(n -> where.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(node)));
        return where;
    }

    /** How many of the prefixed watchers each node runs. */
    static Map<String, Integer> counts(Map<String, Set<String>> running, String prefix) {
        Map<String, Integer> counts = new TreeMap<>();
        running.forEach((node, names) -> counts.put(node, (int) names.stream().filter(n -> n.startsWith(prefix)).count()));
        return counts;
    }

    /** Every cluster watcher record: key to the node it names. */
    static Map<String, String> records(CuratorFramework curator) {
        Map<String, String> records = new HashMap<>();
        try {
            if (curator.checkExists().forPath(RegistryPaths.WATCHERS) == null) {
                return records;
            }
            for (String key : curator.getChildren().forPath(RegistryPaths.WATCHERS)) {
                byte[] data = curator.getData().forPath(RegistryPaths.watcher(key));
                records.put(key, ClusterWatcherRecord.parse(data).orElseThrow().node());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + RegistryPaths.WATCHERS, e);
        }
        return records;
    }

    static String addBody(String name, Map<String, String> constraints) {
        StringBuilder c = new StringBuilder();
        constraints.forEach((k, v) -> c.append(c.length() == 0 ? "" : ", ").append('"').append(k).append("\": \"").append(v)
                .append('"'));
        return "{\"name\": \"" + name + "\", \"cmd\": \"sleep\", \"args\": [\"600\"], \"constraints\": {" + c + "}}";
    }
}
