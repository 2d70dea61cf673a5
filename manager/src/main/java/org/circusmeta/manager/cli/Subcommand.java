package org.circusmeta.manager.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The subcommands of {@code circusmeta} (SPEC §5): their names, arguments, options and help.
 *
 * <p>Immutable.
 */
enum Subcommand {
    NODES("nodes", "", 0, 0, Set.of(),
            "Lists every registered node: its state, kind, host, load (watchers, processes, cpu, mem), labels\n"
            + "and endpoint. Exits 1 when a node is unreachable or has an invalid record, naming it."),
    STATUS("status", "[WATCHER] [--node N]", 0, 1, Set.of("--node"),
            "Shows the status of every watcher (active, stopped...) on every node, or of WATCHER only,\n"
            + "or on node N only. A node that does not answer is listed with the reason, and exits 1."),
    LIST("list", "[--node N]", 0, 0, Set.of("--node"),
            "Lists the watchers of every node, or of node N."),
    ADD("add", "NAME CMD [ARGS...] [--node N] [--numprocesses K] [--constraint k=v]...", 2, Integer.MAX_VALUE,
            Set.of("--node", "--numprocesses", "--constraint"),
            "Adds watcher NAME running CMD with ARGS and starts it. Without --node the manager places it on\n"
            + "the least-loaded attached node whose labels match every --constraint (a cluster watcher, moved\n"
            + "when its node leaves); with --node it stays on that node. Put '--' before ARGS that look like\n"
            + "circusmeta's own options."),
    RM("rm", "NAME [--node N]", 1, 1, Set.of("--node"),
            "Removes watcher NAME (and stops its processes) from node N, or from every node that has it."),
    START("start", "NAME [--node N]", 1, 1, Set.of("--node"),
            "Starts watcher NAME on node N, or on every node that has it."),
    STOP("stop", "NAME [--node N]", 1, 1, Set.of("--node"),
            "Stops watcher NAME on node N, or on every node that has it."),
    RESTART("restart", "NAME [--node N]", 1, 1, Set.of("--node"),
            "Restarts watcher NAME on node N, or on every node that has it."),
    INCR("incr", "NAME [K] [--node N]", 1, 2, Set.of("--node"),
            "Adds K processes (default 1) to watcher NAME on node N, or on every node that has it."),
    DECR("decr", "NAME [K] [--node N]", 1, 2, Set.of("--node"),
            "Removes K processes (default 1) from watcher NAME on node N, or on every node that has it."),
    STATS("stats", "[--node N]", 0, 0, Set.of("--node"),
            "Shows the cluster's live load from the nodes' stats streams: cpu, memory and processes per node\n"
            + "and per watcher, and the totals; only node N's with --node."),
    TOP("top", "[--count N]", 0, 0, Set.of("--count"),
            "A live view of every node and watcher (state, processes, cpu, mem), redrawn every second until\n"
            + "Ctrl-C, or N times with --count. On a terminal it redraws in place; otherwise it prints one\n"
            + "view after another (one JSON document a line with --json)."),
    RENAME("rename", "OLD NEW", 2, 2, Set.of(),
            "Asks node OLD to re-register as NEW: its registrar picks the request up from ZooKeeper and keeps\n"
            + "the new name across restarts."),
    EXEC("exec", "COMMAND [key=value...] [--node N]... | --all", 1, Integer.MAX_VALUE, Set.of("--node", "--all"),
            "Runs any circus command, raw, on node N (repeat --node for several) or on every node (--all,\n"
            + "the default), and shows each node's reply. A value that reads as JSON (2, true, [\"a\"]) is sent\n"
            + "as that JSON; anything else as a string: exec incr name=web nb=2");

    static final Set<String> REPEATABLE = Set.of("--constraint");
    static final Set<String> FLAGS = Set.of("--all");

    private final String name;
    private final String arguments;
    private final int minPositional;
    private final int maxPositional;
    private final Set<String> options;
    private final String description;

    Subcommand(String name, String arguments, int minPositional, int maxPositional, Set<String> options,
            String description) {
        this.name = name;
        this.arguments = arguments;
        this.minPositional = minPositional;
        this.maxPositional = maxPositional;
        this.options = options;
        this.description = description;
    }

    static Optional<Subcommand> named(String name) {
        return Arrays.stream(values()).filter(s -> s.name.equals(name)).findFirst();
    }

    String commandName() {
        return name;
    }

    boolean accepts(String option) {
        return options.contains(option);
    }

    boolean repeats(String option) {
        return REPEATABLE.contains(option) || (this == EXEC && option.equals("--node"));
    }

    int minPositional() {
        return minPositional;
    }

    int maxPositional() {
        return maxPositional;
    }

    String synopsis() {
        return "circusmeta " + name + (arguments.isEmpty() ? "" : " " + arguments);
    }

    String help() {
        return "usage: " + synopsis() + "\n\n" + description + "\n\n" + Help.GLOBAL_OPTIONS + Help.EXIT_STATUS;
    }
}
