package org.circusmeta.client.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.circusmeta.client.ManagerUnreachable;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code circusmeta}, each built as picocli's programmatic API has it (no annotations:
 * reading them reflectively costs the CLI's start-up more than the rest of a run). The global ones
 * are on every subcommand too, so that they may come anywhere before {@code --}.
 *
 * <p>Immutable.
 */
enum CliOption {
    MANAGER("--manager", "URL", String.class, "the manager's API (default: $CIRCUSMETA_MANAGER or "
            + ManagerUnreachable.DEFAULT_MANAGER + ")"),
    TOKEN("--token", "T", String.class, "a bearer token of the manager's auth.tokens (default: $CIRCUSMETA_TOKEN)"),
    CA_FILE("--ca-file", "PEM", String.class, "for an https manager, trust the certificates of this PEM file (default:"
            + " $CIRCUSMETA_CA_FILE, else the JDK's trust store)"),
    JSON("--json", null, boolean.class, "print the API's JSON as it is instead of a table"),
    HELP("--help", null, boolean.class, "this help"),
    NODE("--node", "N", String.class, "on node N only (default: every node that has the watcher)"),
    PIN("--node", "N", String.class, "on node N, pinned there (default: where the manager places it)"),
    SEVERAL_NODES("--node", "N", List.class, "on node N; repeat it for several (default: every node)"),
    ONLY("--node", "N", String.class, "node N's only"),
    NUMPROCESSES("--numprocesses", "K", String.class, "run K processes (default: circus's, 1)"),
    CONSTRAINT("--constraint", "k=v", Map.class, "only on a node labelled k=v; repeat it for several"),
    INSTANCES("--instances", "K|all", String.class, "K copies on distinct nodes, or one on every fitting node (default 1)"),
    SPREAD("--spread", "KEY", String.class, "copies over as many values of label KEY as there are, one each first"),
    COUNT("--count", "N", String.class, "stop after N views"),
    ALL("--all", null, boolean.class, "on every node (the default)"),
    ROLLING("--rolling", null, boolean.class, "one batch of nodes at a time, each healthy before the next"),
    BATCH("--batch", "K", String.class, "with --rolling: K nodes at a time (default 1)"),
    HEALTHY_FOR("--healthy-for", "D", String.class, "with --rolling: how long each node's processes must stay up,"
            + " e.g. 5s (default 5s)"),
    TIMEOUT("--timeout", "D", String.class, "with --rolling: how long a batch has to be healthy, e.g. 60s (default"
            + " 60s)"),
    MAX_PARALLEL("--max-parallel", "K", String.class, "move K watchers at once (default 1)"),
    DEADLINE("--deadline", "D", String.class, "leave what is not moved by then where it is, e.g. 10m (default 10m)"),
    DETACH("--detach", null, boolean.class, "print the operation's id and return at once; it goes on"),
    DRY_RUN("--dry-run", null, boolean.class, "print the plan only; change nothing"),
    PRUNE("--prune", null, boolean.class, "remove the cluster watchers the file does not name (pinned ones stay)"),
    LINES("--lines", "K", String.class, "the last K lines of each node (default 100); also -n K"),
    FOLLOW("--follow", null, boolean.class, "then every new line as it comes, until Ctrl-C; also -f");

    static final List<CliOption> GLOBAL = List.of(MANAGER, TOKEN, CA_FILE, JSON, HELP);
    /** The global options that take a value as the next argument. */
    static final Set<String> GLOBAL_WITH_VALUE = Set.of(MANAGER.name, TOKEN.name, CA_FILE.name);

    private final String name;
    private final String label;
    private final Class<?> type;
    private final String description;

    CliOption(String name, String label, Class<?> type, String description) {
        this.name = name;
        this.label = label;
        this.type = type;
        this.description = description;
    }

    /** Its long name, {@code --node}; the key of its value in a parse result. */
    String optionName() {
        return name;
    }

    OptionSpec spec() {
        OptionSpec.Builder option = this == HELP ? OptionSpec.builder("-h", name).usageHelp(true)
                : this == LINES ? OptionSpec.builder("-n", name).type(type)
                : this == FOLLOW ? OptionSpec.builder("-f", name).type(type) : OptionSpec.builder(name).type(type);
        option.description(description);
        if (label != null) {
            option.paramLabel(label);
        }
        if (type == List.class) {
            option.auxiliaryTypes(String.class);
        } else if (type == Map.class) {
            option.auxiliaryTypes(String.class, String.class);
        } else if (type == boolean.class) {
            option.arity("0");
        }
        return option.build();
    }
}
