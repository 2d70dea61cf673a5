package org.circusmeta.manager.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code top}: every node (state, processes, cpu, mem, from {@code GET /api/nodes}) and every watcher
 * on it (from {@code GET /api/stats}), redrawn every second until Ctrl-C or {@code --count} views. On
 * a terminal each view replaces the last (ANSI home and clear); otherwise views follow one another,
 * or with {@code --json} each {@code /api/stats} document is one line. A manager that goes away is
 * shown and retried, not fatal; a refusal (a missing token) is.
 *
 * <p>Confined to the CLI's main thread.
 */
final class TopView {
    private static final String HOME_AND_CLEAR = "\033[H\033[2J";
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ManagerClient client;
    private final Api api;

    TopView(ManagerClient client, Api api) {
        this.client = client;
        this.api = api;
    }

    int run() {
        Optional<Integer> count = api.invocation().option("--count").map(n -> api.invocation().wholeNumber("--count", n, 1));
        long next = System.nanoTime();
        boolean lastDrawn = true;
        for (int view = 0; count.isEmpty() || view < count.get(); view++) {
            if (view > 0 && !waitUntil(next)) {
                break;
            }
            next += PERIOD_NANOS;
            lastDrawn = draw();
        }
        return lastDrawn ? Exits.OK : Exits.FAILED;
    }

    private boolean draw() {
        ManagerClient.Response nodes;
        ManagerClient.Response stats;
        try {
            nodes = client.get("/api/nodes");
            stats = client.get("/api/stats");
        } catch (CommandFailedException e) {
            show(e.getMessage() + "\nTrying again every second; Ctrl-C to quit.");
            return false;
        }
        if (!nodes.isSuccess()) {
            api.accept(nodes, "GET /api/nodes");
        }
        if (api.json()) {
            api.terminal().print(stats.isSuccess() ? stats.body() : nodes.body());
            return true;
        }
        show(frame(nodes.json(), stats.isSuccess() ? stats.json() : Json.MISSING)
                + (stats.isSuccess() ? "" : "\n(per-watcher figures unavailable: GET /api/stats answered HTTP "
                        + stats.status() + ")\n"));
        return true;
    }

    private String frame(Json nodes, Json stats) {
        Map<String, Json> live = StatsJson.nodes(stats);
        Map<String, Integer> states = new TreeMap<>();
        Table table = new Table("NODE / WATCHER", "STATE", "PROCESSES>", "CPU%>", "MEM%>");
        for (Json node : nodes.elements()) {
            String name = node.path("name").text("?");
            String state = node.path("state").text("?");
            states.merge(state, 1, Integer::sum);
            Json figures = live.getOrDefault(name, node.path("load"));
            Object[] cells = StatsJson.cells(figures);
            table.row(name, state, cells[0], cells[1], cells[2]);
            StatsJson.watchers(live.getOrDefault(name, Json.MISSING)).forEach((watcher, w) -> {
                Object[] c = StatsJson.cells(w);
                table.row("  " + watcher, "", c[0], c[1], c[2]);
            });
        }
        Json totals = StatsJson.totals(stats);
        StringBuilder header = new StringBuilder("circusmeta top  ").append(client.base()).append("  ")
                .append(LocalTime.now().format(CLOCK)).append("  (Ctrl-C to quit)\n")
                .append(nodes.elements().size()).append(" nodes");
        states.forEach((state, n) -> header.append(", ").append(n).append(' ').append(state));
        if (!totals.isMissing()) {
            Object[] t = StatsJson.cells(totals);
            header.append("   processes ").append(t[0]).append("   cpu ").append(t[1]).append("%   mem ").append(t[2])
                    .append('%');
        }
        return header.append("\n\n").append(nodes.elements().isEmpty() ? "No node is registered.\n" : table.render())
                .toString();
    }

    private void show(String view) {
        Terminal terminal = api.terminal();
        if (terminal.interactive()) {
            terminal.out().print(HOME_AND_CLEAR + view);
            terminal.out().flush();
        } else {
            terminal.print(view + "\n");
        }
    }

    /** Waits for the next view; false when interrupted. */
    private static boolean waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        try {
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
