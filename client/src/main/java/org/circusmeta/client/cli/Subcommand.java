package org.circusmeta.client.cli;

import static org.circusmeta.client.cli.CliOption.ALL;
import static org.circusmeta.client.cli.CliOption.BATCH;
import static org.circusmeta.client.cli.CliOption.CONSTRAINT;
import static org.circusmeta.client.cli.CliOption.DEADLINE;
import static org.circusmeta.client.cli.CliOption.DETACH;
import static org.circusmeta.client.cli.CliOption.DRY_RUN;
import static org.circusmeta.client.cli.CliOption.INSTANCES;
import static org.circusmeta.client.cli.CliOption.FOLLOW;
import static org.circusmeta.client.cli.CliOption.LINES;
import static org.circusmeta.client.cli.CliOption.MAX_PARALLEL;
import static org.circusmeta.client.cli.CliOption.COUNT;
import static org.circusmeta.client.cli.CliOption.HEALTHY_FOR;
import static org.circusmeta.client.cli.CliOption.NODE;
import static org.circusmeta.client.cli.CliOption.NUMPROCESSES;
import static org.circusmeta.client.cli.CliOption.ONLY;
import static org.circusmeta.client.cli.CliOption.PIN;
import static org.circusmeta.client.cli.CliOption.PRUNE;
import static org.circusmeta.client.cli.CliOption.ROLLING;
import static org.circusmeta.client.cli.CliOption.SEVERAL_NODES;
import static org.circusmeta.client.cli.CliOption.SPREAD;
import static org.circusmeta.client.cli.CliOption.TIMEOUT;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The subcommands of {@code circusmeta}: each one's name, synopsis, arguments, options and
 * description, from which picocli parses its command line and writes its {@code --help}. What each
 * one does is in {@link CircusmetaCli#dispatch}.
 *
 * <p>Immutable.
 */
enum Subcommand {
    NODES("", List.of(), List.of(),
            "Lists every registered node: state, kind, host, load, labels, endpoint.",
            "Load is watchers, processes, cpu and mem. Exits 1 when a node is unreachable or has an invalid",
            "record, naming it."),
    STATUS("[WATCHER] [--node N]", List.of(Param.optional("WATCHER", 0, "the watcher (default: every one)")),
            List.of(NODE),
            "Shows the status of every watcher on every node.",
            "Or of WATCHER only, or on node N only. A node that does not answer is listed with the reason,",
            "and exits 1."),
    LIST("[--node N]", List.of(), List.of(NODE), "Lists the watchers of every node, or of node N."),
    ADD("NAME CMD [ARGS...] [--node N | --instances K|all] [--spread KEY] [OPTIONS...]",
            List.of(Param.required("NAME", 0, "the watcher's name"), Param.required("CMD", 1, "the program to run"),
                    Param.rest("ARGS", 2, "its arguments")),
            List.of(PIN, NUMPROCESSES, CONSTRAINT, INSTANCES, SPREAD),
            "Adds watcher NAME running CMD with ARGS, and starts it.",
            "Without --node the manager places it on the least-loaded attached node whose labels match every",
            "--constraint (a cluster watcher, moved when its node leaves), or K copies on K such nodes (spread",
            "over the values of label KEY), or one on every such node, now and later (--instances all); with",
            "--node it stays on that node (and is added there again when the node restarts without it).",
            "Put '--' before ARGS that look like circusmeta's own options."),
    SCALE("NAME K|all", List.of(Param.required("NAME", 0, "the cluster watcher"),
            Param.required("K", 1, "how many copies, or all: one on every fitting node")), List.of(),
            "Changes how many copies of cluster watcher NAME run.",
            "New copies are placed as for add; surplus ones are removed from the most loaded nodes."),
    RM("NAME [--node N]", List.of(Param.required("NAME", 0, "the watcher")), List.of(NODE),
            "Removes watcher NAME and stops its processes.", "On node N, or on every node that has it."),
    START("NAME [--node N]", List.of(Param.required("NAME", 0, "the watcher")), List.of(NODE),
            "Starts watcher NAME.", "On node N, or on every node that has it."),
    STOP("NAME [--node N]", List.of(Param.required("NAME", 0, "the watcher")), List.of(NODE),
            "Stops watcher NAME.", "On node N, or on every node that has it."),
    RESTART("NAME [--node N] [--rolling [--batch K] [--healthy-for D] [--timeout D]]",
            List.of(Param.required("NAME", 0, "the watcher")), List.of(NODE, ROLLING, BATCH, HEALTHY_FOR, TIMEOUT),
            "Restarts watcher NAME.", "On node N, or on every node that has it, all at once; with --rolling one batch",
            "of nodes at a time, by name, the next batch once each node runs the watcher with the same",
            "processes for --healthy-for. The first batch that is not healthy within --timeout stops the roll.",
            "Prints each node's result as it comes."),
    INCR("NAME [K] [--node N]", List.of(Param.required("NAME", 0, "the watcher"),
            Param.optional("K", 1, "how many processes (default 1)")), List.of(NODE),
            "Adds K processes (default 1) to watcher NAME.", "On node N, or on every node that has it."),
    DECR("NAME [K] [--node N]", List.of(Param.required("NAME", 0, "the watcher"),
            Param.optional("K", 1, "how many processes (default 1)")), List.of(NODE),
            "Removes K processes (default 1) from watcher NAME.", "On node N, or on every node that has it."),
    STATS("[--node N]", List.of(), List.of(ONLY),
            "Shows the cluster's live load, per node and watcher, and the totals.",
            "Cpu, memory and processes from the nodes' stats streams; only node N's with --node."),
    TOP("[--count N]", List.of(), List.of(COUNT),
            "A live view of every node and watcher, redrawn every second.",
            "State, processes, cpu and mem, until Ctrl-C, or N times with --count. On a terminal it redraws",
            "in place; otherwise it prints one view after another (one JSON document a line with --json)."),
    LOGS("WATCHER [--node N] [-n K] [-f]", List.of(Param.required("WATCHER", 0, "the watcher (or NODE:WATCHER)")),
            List.of(NODE, LINES, FOLLOW),
            "Prints the last lines of what watcher WATCHER's processes wrote, on every node that has it.",
            "Or on node N only; the last K lines (default 100) of each node, merged oldest first, each as",
            "NODE:WATCHER[PID] line, stderr marked. A node that could not give its lines is named on stderr",
            "with why (and the circus.ini lines that make an output readable), and exits 1. With -f, then",
            "every new line of every node as it comes, and on stderr what happens to the nodes, until Ctrl-C."),
    CORDON("NODE", List.of(Param.required("NODE", 0, "the node")), List.of(),
            "Cordons node NODE: it takes no new placement until uncordoned.",
            "What runs on it stays. Kept in ZooKeeper: it outlasts a manager's restart and the node's",
            "re-registration, and follows a rename."),
    DRAIN("NODE [--max-parallel K] [--deadline D] [--detach]", List.of(Param.required("NODE", 0, "the node")),
            List.of(MAX_PARALLEL, DEADLINE, DETACH),
            "Drains node NODE: cordons it, then moves its cluster watchers to other nodes.",
            "K watchers at a time (default 1), each one's new copy started and active before its copy on NODE",
            "stops. A pinned watcher, or one no other node fits, stays where it is and is named. Prints each",
            "watcher's result as it comes; the node stays cordoned until uncordoned."),
    UNCORDON("NODE", List.of(Param.required("NODE", 0, "the node")), List.of(),
            "Uncordons node NODE: it takes new placements again."),
    RENAME("OLD NEW", List.of(Param.required("OLD", 0, "the node's name"), Param.required("NEW", 1,
            "the name it takes")), List.of(),
            "Asks node OLD to re-register as NEW.",
            "Its registrar picks the request up from ZooKeeper and keeps the new name across restarts."),
    APPLY("FILE [--dry-run] [--prune]", List.of(Param.required("FILE", 0, "a YAML (or JSON) file of cluster watchers")),
            List.of(DRY_RUN, PRUNE),
            "Makes the cluster watchers what FILE says.",
            "FILE holds 'watchers:', a list of watchers with the keys of add (name, cmd, args, numprocesses,",
            "env, working_dir, options, constraints, instances, spread). Prints the plan first (each watcher to",
            "add, to change or unchanged; with --prune each cluster watcher not in FILE to remove), then places",
            "the new ones, replaces the changed ones one copy at a time, and removes the pruned ones. A bad key",
            "or value is refused, naming the watcher and the key, before anything changes."),
    EXEC("COMMAND [key=value...] [--node N]... | --all", List.of(Param.required("COMMAND", 0,
            "the circus command"), Param.rest("key=value", 1, "its properties")), List.of(SEVERAL_NODES, ALL),
            "Runs any circus command, raw, and shows each node's reply.",
            "On node N (repeat --node for several) or on every node (--all, the default). A value that",
            "reads as JSON (2, true, [\"a\"]) is sent as that JSON; anything else as a string:",
            "exec incr name=web nb=2");

    private final String arguments;
    private final List<Param> params;
    private final List<CliOption> options;
    private final String[] description;

    Subcommand(String arguments, List<Param> params, List<CliOption> options, String... description) {
        this.arguments = arguments;
        this.params = params;
        this.options = options;
        this.description = description;
    }

    static Optional<Subcommand> named(String name) {
        return Arrays.stream(values()).filter(s -> s.commandName().equals(name)).findFirst();
    }

    /** Its name on the command line: {@code nodes}, {@code incr}. */
    String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String synopsis() {
        return "circusmeta " + commandName() + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** Its picocli command: arguments, options (its own, then the global ones), the texts of its help. */
    CommandSpec spec() {
        CommandSpec spec = CircusmetaCli.command(commandName(), synopsis(), description);
        for (Param param : params) {
            spec.addPositional(param.spec());
        }
        for (CliOption option : options) {
            spec.addOption(option.spec());
        }
        for (CliOption option : CliOption.GLOBAL) {
            spec.addOption(option.spec());
        }
        return spec;
    }

    /** One argument: its label, its place, whether it must be there, and whether it takes the rest. */
    record Param(String label, int index, boolean required, boolean rest, String description) {
        static Param required(String label, int index, String description) {
            return new Param(label, index, true, false, description);
        }

        static Param optional(String label, int index, String description) {
            return new Param(label, index, false, false, description);
        }

        static Param rest(String label, int index, String description) {
            return new Param(label, index, false, true, description);
        }

        PositionalParamSpec spec() {
            PositionalParamSpec.Builder param = PositionalParamSpec.builder().paramLabel(label).description(description)
                    .index(rest ? index + "..*" : String.valueOf(index)).arity(rest ? "0..*" : required ? "1" : "0..1")
                    .required(required);
            return (rest ? param.type(List.class).auxiliaryTypes(String.class) : param.type(String.class)).build();
        }
    }
}
