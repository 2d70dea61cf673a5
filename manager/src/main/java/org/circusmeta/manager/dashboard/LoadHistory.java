package org.circusmeta.manager.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.protocol.CircusJson;

/**
 * The last {@link #SAMPLES} load samples of every node, one a tick, so that a page opened now draws the
 * last minutes at once. A node's samples go with the node. Each node's series ends at the latest tick;
 * a node that joined later has a shorter one.
 *
 * <p>Confined to the live feed's thread.
 */
final class LoadHistory {
    static final int SAMPLES = 300;

    private final Map<String, Ring> nodes = new HashMap<>();
    private long lastTick;

    /** One tick: a sample of every node in {@code loads}; nodes not in it are forgotten. */
    void record(long atMillis, Map<String, NodeLoad> loads) {
        nodes.keySet().retainAll(loads.keySet());
        loads.forEach((node, load) -> nodes.computeIfAbsent(node, n -> new Ring()).add(load));
        lastTick = atMillis;
    }

    /** {@code {"step_ms", "end", "nodes": {N: {"cpu": [...], "mem": [...], "processes": [...]}}}}, oldest first. */
    ObjectNode toJson(long stepMillis) {
        ObjectNode json = CircusJson.object();
        json.put("step_ms", stepMillis);
        json.put("end", lastTick);
        ObjectNode byNode = json.putObject("nodes");
        nodes.forEach((node, ring) -> ring.write(byNode.putObject(node)));
        return json;
    }

    /** Null (unknown) process counts are kept as -1 and written as null. */
    private static final class Ring {
        private final float[] cpu = new float[SAMPLES];
        private final float[] mem = new float[SAMPLES];
        private final int[] processes = new int[SAMPLES];
        private int next;
        private int size;

        void add(NodeLoad load) {
            cpu[next] = (float) load.cpu();
            mem[next] = (float) load.mem();
            processes[next] = load.processes();
            next = (next + 1) % SAMPLES;
            size = Math.min(size + 1, SAMPLES);
        }

        void write(ObjectNode json) {
            ArrayNode cpuJson = json.putArray("cpu");
            ArrayNode memJson = json.putArray("mem");
            ArrayNode processesJson = json.putArray("processes");
            for (int i = 0; i < size; i++) {
                int at = (next - size + i + SAMPLES) % SAMPLES;
                cpuJson.add(cpu[at]);
                memJson.add(mem[at]);
                if (processes[at] < 0) {
                    processesJson.addNull();
                } else {
                    processesJson.add(processes[at]);
                }
            }
        }
    }
}
