package org.circusmeta.client.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.StatsView;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.ManagerUnreachable;

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

    private final Session session;

    TopView(Session session) {
        this.session = session;
    }

    int run() {
        Optional<Integer> count = session.option(CliOption.COUNT).map(n -> session.wholeNumber("--count", n, 1));
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
        Answer<List<NodeView>> nodes;
        Optional<Answer<StatsView>> stats;
        String statsRefused = "";
        try {
            try {
                nodes = session.client().answer(ApiCall.nodes());
            } catch (ManagerRefused e) {
                throw session.refused(e);
            }
            try {
                stats = Optional.of(session.client().answer(ApiCall.stats()));
            } catch (ManagerRefused e) {
                stats = Optional.empty();
                statsRefused = "\n(per-watcher figures unavailable: GET /api/stats answered HTTP " + e.status() + ")\n";
            }
        } catch (ManagerUnreachable e) {
            show(e.getMessage() + "\nTrying again every second; Ctrl-C to quit.");
            return false;
        }
        if (session.json()) {
            session.terminal().print(stats.map(Answer::body).orElse(nodes.body()));
            return true;
        }
        show(frame(nodes.value(), stats.map(Answer::value)) + statsRefused);
        return true;
    }

    private String frame(List<NodeView> nodes, Optional<StatsView> stats) {
        Map<String, StatsView.NodeStats> live = stats.<Map<String, StatsView.NodeStats>>map(StatsView::nodes).orElse(Map.of());
        Map<String, Integer> states = new TreeMap<>();
        Table table = new Table("NODE / WATCHER", "STATE", "PROCESSES>", "CPU%>", "MEM%>");
        for (NodeView node : nodes) {
            String state = node.state() == null ? "?" : node.state();
            states.merge(state, 1, Integer::sum);
            StatsView.NodeStats figures = live.get(node.name());
            if (figures != null) {
                table.row(node.name(), state, Table.count(figures.processes()), Table.decimal(figures.cpu()),
                        Table.decimal(figures.mem()));
                StatsCommand.watchers(figures).forEach((watcher, w) -> table.row("  " + watcher, "",
                        Table.count(w.processes()), Table.decimal(w.cpu()), Table.decimal(w.mem())));
            } else {
                NodeView.Load load = node.load() == null ? new NodeView.Load(null, null, 0, 0) : node.load();
                table.row(node.name(), state, Table.count(load.processes()), Table.decimal(load.cpu()),
                        Table.decimal(load.mem()));
            }
        }
        StringBuilder header = new StringBuilder("circusmeta top  ").append(session.client().base()).append("  ")
                .append(LocalTime.now().format(CLOCK)).append("  (Ctrl-C to quit)\n")
                .append(nodes.size()).append(" nodes");
        states.forEach((state, n) -> header.append(", ").append(n).append(' ').append(state));
        stats.map(StatsView::totals).ifPresent(t -> header.append("   processes ").append(Table.count(t.processes()))
                .append("   cpu ").append(Table.decimal(t.cpu())).append("%   mem ").append(Table.decimal(t.mem())).append('%'));
        return header.append("\n\n").append(nodes.isEmpty() ? "No node is registered.\n" : table.render()).toString();
    }

    private void show(String view) {
        Terminal terminal = session.terminal();
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
