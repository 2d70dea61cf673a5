package org.circusmeta.manager.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code circusmeta}, the command-line client of the manager's HTTP API (SPEC §5): one subcommand, one
 * API call (two for {@code top}), a table for people or the API's JSON for scripts. Exit status 0 when
 * every targeted node succeeded, 1 when one failed or the manager could not be reached or refused,
 * 2 for a usage error (with that subcommand's help).
 *
 * <p>This package is the whole CLI: it depends on the JDK and jackson-core only, never on the
 * manager's server code, so that its jar stays small and starts fast. Confined to the main thread.
 */
public final class CircusmetaCli {
    private CircusmetaCli() {}

    public static void main(String[] args) {
        Terminal terminal = new Terminal(System.out, System.err, System.console() != null);
        int status = run(List.of(args), System.getenv(), terminal);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line against the manager; returns the exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, new Terminal(out, err, false));
    }

    static int run(List<String> args, Map<String, String> env, Terminal terminal) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args, env);
        } catch (UsageException e) {
            return usage(terminal, e.getMessage(), e.help());
        }
        if (invocation.help()) {
            terminal.out().print(invocation.subcommand().map(Subcommand::help).orElseGet(Help::general));
            return Exits.OK;
        }
        try {
            return dispatch(invocation, terminal);
        } catch (UsageException e) {
            return usage(terminal, e.getMessage(), e.help());
        } catch (CommandFailedException e) {
            if (e.status() == Exits.USAGE) {
                return usage(terminal, e.getMessage(), invocation.command().help());
            }
            terminal.error(e.getMessage());
            return e.status();
        } catch (RuntimeException e) {
            terminal.error("unexpected error (a bug in circusmeta; please report it with this trace): " + e);
            e.printStackTrace(terminal.err());
            return Exits.FAILED;
        }
    }

    private static int usage(Terminal terminal, String message, String help) {
        terminal.error(message);
        terminal.err().println();
        terminal.err().print(help);
        terminal.err().flush();
        return Exits.USAGE;
    }

    private static int dispatch(Invocation invocation, Terminal terminal) {
        ManagerClient client = new ManagerClient(invocation.manager(), invocation.token());
        Api api = new Api(client, terminal, invocation);
        return switch (invocation.command()) {
            case NODES -> new NodeCommands(api).nodes();
            case RENAME -> new NodeCommands(api).rename();
            case STATUS -> new WatcherCommands(api).status();
            case LIST -> new WatcherCommands(api).list();
            case ADD -> new WatcherCommands(api).add();
            case RM -> new WatcherCommands(api).remove();
            case START, STOP, RESTART, INCR, DECR -> new WatcherCommands(api).act();
            case EXEC -> new WatcherCommands(api).exec();
            case STATS -> new StatsCommand(api).stats();
            case TOP -> new TopView(client, api).run();
        };
    }
}
