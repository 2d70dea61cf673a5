package org.circusmeta.bench.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.NodeView;
import org.circusmeta.bench.BenchReport;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * Placement through the manager's API on the in-process nodes labelled {@code pool=place}: watchers
 * landed per second ({@code POST /api/watchers} with that constraint, several in flight, until every
 * one's process is spawned, as the relayed {@code spawn} events tell), beside the same adds sent
 * straight to the nodes round-robin (the peer: what the nodes themselves absorb); the balance after;
 * then the time from one node's end to its cluster watchers' processes running elsewhere.
 *
 * <p>Confined to the thread that measures.
 */
final class PlacementRun {
    static final int WATCHERS = 200;
    private static final int IN_FLIGHT = 8;

    private final ManagerClient api;
    private final SpawnWatch spawns;
    private final Duration rescheduleAfter;
    private final Map<String, List<String>> placed = new HashMap<>();

    PlacementRun(ManagerClient api, SpawnWatch spawns, Duration rescheduleAfter) {
        this.api = api;
        this.spawns = spawns;
        this.rescheduleAfter = rescheduleAfter;
    }

    void landed(BenchReport report, NodeFleet fleet, List<String> pool) throws Exception {
        double direct = direct(fleet, pool);
        Set<String> names = new HashSet<>();
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT, r -> new Thread(r, "bench-add"));
        try {
            List<CompletableFuture<Void>> adds = new ArrayList<>();
            for (int i = 0; i < WATCHERS; i++) {
                String name = "placed-" + i;
                names.add(name);
                adds.add(CompletableFuture.runAsync(() -> add(name), threads));
            }
            CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            threads.shutdown();
        }
        Map<String, SpawnWatch.Spawn> spawned = spawns.await(names, "", start, 60);
        double rate = WATCHERS / ((Collections.max(spawned.values().stream().map(SpawnWatch.Spawn::nanos).toList()) - start) / 1e9);
        report.compare("watchers landed through the API, 50 nodes", rate, direct, "/s", "the same adds straight to the nodes",
                WATCHERS + " POST /api/watchers (cmd sleep, constraint pool=place) from " + IN_FLIGHT + " threads, until every"
                        + " process's spawn event arrives through the manager's pubsub socket; the peer sends circus 'add'"
                        + " (start) round-robin on the same nodes, " + IN_FLIGHT + " in flight");
        Map<String, Integer> counts = new HashMap<>();
        pool.forEach(n -> counts.put(n, placed.getOrDefault(n, List.of()).size()));
        int max = Collections.max(counts.values());
        int min = Collections.min(counts.values());
        report.row("balance after " + WATCHERS + " placements (max/min watchers per node)", String.format(java.util.Locale.ROOT,
                "%.3f (%d/%d)", min == 0 ? Double.POSITIVE_INFINITY : max / (double) min, max, min), "", "",
                "50 nodes of capacity 1, least-loaded with reservations: " + WATCHERS / pool.size() + " each if counts alone"
                        + " decided; it weighs the live cpu, memory and processes of each node's stats, so a node whose"
                        + " sample caught its spawns busy takes fewer (the goal of 1.1 is for the placement suite's load per"
                        + " capacity)");
    }

    private synchronized void placedOn(String node, String watcher) {
        placed.computeIfAbsent(node, n -> new ArrayList<>()).add(watcher);
    }

    private void add(String name) {
        Answer<AddedWatcher> response = api.answer(ApiCall.add(new AddWatcherRequest(name, "sleep 100000", null, 1, null,
                null, null, null, Map.of("pool", "place"), null)));
        if (response.status() != 201) {
            throw new IllegalStateException("POST /api/watchers " + name + " answered " + response.status() + ": "
                    + response.body());
        }
        placedOn(response.value().node(), name);
    }

    /** The peer: circus 'add' with start, straight to the nodes, then 'rm' of each. */
    private double direct(NodeFleet fleet, List<String> pool) throws Exception {
        try (SocketLoop loop = new SocketLoop("bench-direct")) {
            loop.start();
            List<CircusClient> clients = new ArrayList<>();
            for (String node : pool) {
                CircusClient client = new CircusClient(loop, fleet.node(node).endpoint());
                client.start();
                clients.add(client);
            }
            Set<String> names = new HashSet<>();
            long start = System.nanoTime();
            Semaphore window = new Semaphore(IN_FLIGHT);
            AtomicReference<Object> failure = new AtomicReference<>();
            for (int i = 0; i < WATCHERS; i++) {
                String name = "direct-" + i;
                names.add(name);
                window.acquire();
                clients.get(i % clients.size()).call(Request.of("add", Map.of("name", name, "cmd", "sleep 100000",
                        "start", true))).whenComplete((reply, error) -> {
                            if (error != null || !reply.isOk()) {
                                failure.compareAndSet(null, error != null ? error : reply);
                            }
                            window.release();
                        });
            }
            window.acquire(IN_FLIGHT);
            if (failure.get() != null) {
                throw new IllegalStateException("a direct add failed: " + failure.get());
            }
            Map<String, SpawnWatch.Spawn> spawned = spawns.await(names, "", start, 60);
            double rate = WATCHERS / ((Collections.max(spawned.values().stream().map(SpawnWatch.Spawn::nanos).toList()) - start) / 1e9);
            for (int i = 0; i < WATCHERS; i++) {
                Reply reply = clients.get(i % clients.size()).callAndWait(Request.of("rm", Map.of("name", "direct-" + i)));
                if (!reply.isOk()) {
                    throw new IllegalStateException("rm direct-" + i + ": " + reply);
                }
            }
            clients.forEach(CircusClient::close);
            return rate;
        }
    }

    /** Ends the node with the most placed watchers; times until each of them runs on another node. */
    void rescheduled(BenchReport report, NodeFleet fleet) throws Exception {
        String victim = placed.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
                .orElseThrow().getKey();
        Set<String> moving = new HashSet<>(placed.get(victim));
        long start = System.nanoTime();
        fleet.stop(victim);
        Map<String, SpawnWatch.Spawn> spawned = spawns.await(moving, victim, start, 60);
        double seconds = (Collections.max(spawned.values().stream().map(SpawnWatch.Spawn::nanos).toList()) - start) / 1e9;
        double goal = rescheduleAfter.toMillis() / 1000.0 + 2;
        report.row("node ended -> its cluster watchers running elsewhere", BenchReport.format(seconds * 1000, "ms"),
                BenchReport.format(goal * 1000, "ms") + " (goal: rescheduleAfter + 2 s)", BenchReport.ratio(seconds, goal),
                moving.size() + " watchers of the node with the most; it ends cleanly (its znode goes at once); rescheduleAfter "
                        + rescheduleAfter.toMillis() + " ms; until the last one's spawn event on its new node");
    }

    /**
     * Removes the placed watchers (DELETE /api/watchers/NAME), then waits until the nodes run their one
     * process each again (their counts in GET /api/nodes), so that what is measured next does not share
     * the machine with 200 processes being stopped.
     */
    void removeAll(int nodes) throws InterruptedException {
        for (List<String> names : placed.values()) {
            for (String name : names) {
                api.remove(name, Optional.empty());
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int processes = -1;
        while (System.nanoTime() < end) {
            processes = 0;
            for (NodeView node : api.nodes()) {
                Integer running = node.load() == null ? null : node.load().processes();
                processes += running == null ? 0 : Math.max(0, running);
            }
            if (processes <= nodes) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the nodes still run " + processes + " processes 60 s after the placed watchers"
                + " were removed; expected " + nodes);
    }
}
