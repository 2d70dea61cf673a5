package org.circusmeta.node.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.stream.Publisher;

/**
 * One node's stats stream, as circusd-stats publishes it (docs/protocol.md, "The stats stream"): every second, per
 * watcher, {@code stat.<watcher>.<pid>} for each process then the aggregate {@code stat.<watcher>};
 * then the same for the node itself under {@code circus}, named {@code circusd}. A watcher without
 * processes gets nothing, as circusd-stats stops a watcher's collector with its last pid. Socket
 * statistics are not published: nothing reads from the node's sockets, so a readable count would say
 * nothing.
 *
 * <p>Thread-safe: the node's loop thread swaps the view, the sampler thread publishes.
 */
public final class StatsStream {
    private final Publisher publisher;
    private final long nodePid;
    private final AtomicReference<StatsView> view = new AtomicReference<>(StatsView.EMPTY);

    public StatsStream(Publisher publisher, long nodePid) {
        this.publisher = publisher;
        this.nodePid = nodePid;
    }

    public void update(StatsView next) {
        view.set(next);
    }

    Set<Long> pids() {
        Set<Long> pids = new HashSet<>();
        view.get().watchers().forEach(w -> pids.addAll(w.pids()));
        pids.add(nodePid);
        return pids;
    }

    void publish(Map<Long, ObjectNode> infos) {
        for (StatsView.WatcherPids w : view.get().watchers()) {
            if (!w.pids().isEmpty()) {
                publishGroup(w.name(), w.pids(), infos, null);
            }
        }
        publishGroup("circus", List.of(nodePid), infos, "circusd");
    }

    private void publishGroup(String name, List<Long> pids, Map<Long, ObjectNode> infos, String processName) {
        List<ObjectNode> sampled = new ArrayList<>();
        for (long pid : pids) {
            ObjectNode info = infos.get(pid);
            if (info == null) {
                continue;
            }
            ObjectNode body = info.deepCopy();
            body.put("subtopic", pid);
            if (processName == null) {
                body.putNull("name");
            } else {
                body.put("name", processName);
            }
            publisher.publish("stat." + name + "." + pid, CircusJson.write(body));
            sampled.add(info);
        }
        publisher.publish("stat." + name, CircusJson.write(aggregate(sampled)));
    }

    /** circusd-stats' aggregate: the pids, the mean cpu, the summed mem, the oldest age. */
    static ObjectNode aggregate(List<ObjectNode> infos) {
        ObjectNode out = CircusJson.object();
        ArrayNode pids = out.putArray("pid");
        infos.forEach(i -> pids.add(i.path("pid").asLong()));
        if (infos.stream().anyMatch(i -> !i.path("cpu").isNumber())) {
            out.put("cpu", "N/A");
        } else {
            out.put("cpu", infos.isEmpty() ? 0.0 : infos.stream().mapToDouble(i -> i.path("cpu").asDouble()).sum() / infos.size());
        }
        if (infos.stream().anyMatch(i -> !i.path("mem").isNumber())) {
            out.put("mem", "N/A");
        } else if (infos.isEmpty()) {
            out.put("mem", 0);
        } else {
            out.put("mem", infos.stream().mapToDouble(i -> i.path("mem").asDouble()).sum());
        }
        double age = infos.stream().filter(i -> i.path("age").isNumber()).mapToDouble(i -> i.path("age").asDouble())
                .max().orElse(Double.NaN);
        if (Double.isNaN(age)) {
            out.put("age", "N/A");
        } else {
            out.put("age", age);
        }
        return out;
    }
}
