package org.circusmeta.manager.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.watchers.WatcherStatus;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.NodeRecord;

/** How a node reads in the API: the record's fields in SPEC order, then state, load and times. */
public final class NodeJson {
    private NodeJson() {}

    public static ObjectNode of(NodeSummary node) {
        ObjectNode json = CircusJson.object();
        json.put("name", node.name());
        json.put("state", node.state().wireName());
        node.reason().ifPresent(reason -> json.put("reason", reason));
        Optional<NodeRecord> record = node.record();
        json.put("endpoint", record.map(NodeRecord::endpoint).orElse(null));
        json.put("pubsub_endpoint", record.flatMap(NodeRecord::pubsubEndpoint).orElse(null));
        json.put("stats_endpoint", record.flatMap(NodeRecord::statsEndpoint).orElse(null));
        json.put("host", record.map(NodeRecord::host).orElse(null));
        ObjectNode labels = json.putObject("labels");
        record.ifPresent(r -> new TreeMap<>(r.labels()).forEach(labels::put));
        if (record.isPresent()) {
            json.put("capacity", record.get().capacity());
        } else {
            json.putNull("capacity");
        }
        json.put("kind", record.map(NodeRecord::kind).orElse(null));
        json.put("version", record.map(NodeRecord::version).orElse(null));
        json.put("registered_at", record.map(r -> r.registeredAt().toString()).orElse(null));
        NodeLoad load = node.load();
        ObjectNode loadJson = json.putObject("load");
        putCount(loadJson, "watchers", load.watchers());
        putCount(loadJson, "processes", load.processes());
        loadJson.put("cpu", load.cpu());
        loadJson.put("mem", load.mem());
        json.put("last_seen", node.lastSeen().map(Instant::toString).orElse(null));
        json.put("unreachable_since", node.unreachableSince().map(Instant::toString).orElse(null));
        return json;
    }

    static ObjectNode withWatchers(NodeSummary node, List<WatcherStatus> watchers) {
        ObjectNode json = of(node);
        var list = json.putArray("watchers");
        for (WatcherStatus w : watchers) {
            ObjectNode item = list.addObject();
            item.put("name", w.name());
            item.put("status", w.status());
            putCount(item, "numprocesses", w.numprocesses());
        }
        return json;
    }

    private static void putCount(ObjectNode json, String field, int value) {
        if (value < 0) {
            json.putNull(field);
        } else {
            json.put(field, value);
        }
    }
}
