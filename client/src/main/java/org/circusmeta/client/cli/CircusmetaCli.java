package org.circusmeta.client.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code circusmeta}, the command-line client of the manager's HTTP API: one subcommand, one API call
 * (two for {@code top}), a table for people or the API's JSON for scripts. Exit status 0 when every
 * targeted node succeeded, 1 when one failed or the manager could not be reached or refused, 2 for a
 * usage error (with that subcommand's help). picocli reads the command line and writes the help.
 *
 * <p>Confined to the main thread.
 */
public final class CircusmetaCli {
    private static final String SYNOPSIS = "circusmeta [--manager URL] [--token T] [--json] SUBCOMMAND [ARGS...]";
    private static final String EXIT_STATUS = "exit status: 0 when every node it targeted succeeded; 1 when one failed"
            + " (named on stderr) or the%nmanager refused or could not be reached; 2 for a usage error.%n";

    private static final String CONVERTERS_EXCLUDED = "picocli.converters.excludes";

    private CircusmetaCli() {}

    public static void main(String[] args) {
        // picocli looks up some twenty optional converters (java.sql, java.time...) reflectively for each
        // command; this CLI needs none of them.
        if (System.getProperty(CONVERTERS_EXCLUDED) == null) {
            System.setProperty(CONVERTERS_EXCLUDED, "java\\..*");
        }
        Terminal terminal = new Terminal(System.out, System.err, System.console() != null);
        int status = run(List.of(args), System.getenv(), terminal);
        System.out.flush();
        if (Boolean.getBoolean(ArchiveWarmUp.PROPERTY)) {
            try {
                ArchiveWarmUp.loadAll();
            } catch (RuntimeException e) {
                // Only the archive is the poorer for it; the run itself is over.
            }
        }
        System.exit(status);
    }

    /** Runs one command line against the manager; returns the exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, new Terminal(out, err, false));
    }

    static int run(List<String> args, Map<String, String> env, Terminal terminal) {
        CommandLine top = commandLine(Subcommand.named(subcommandName(args)).map(List::of)
                .orElse(List.of(Subcommand.values())));
        ParseResult parsed;
        try {
            parsed = top.parseArgs(args.toArray(new String[0]));
        } catch (ParameterException e) {
            return usage(terminal, UsageErrors.message(e), e.getCommandLine());
        }
        Optional<ParseResult> sub = Optional.ofNullable(parsed.subcommand());
        CommandLine helpOf = sub.map(s -> s.commandSpec().commandLine()).orElse(top);
        if (parsed.isUsageHelpRequested() || sub.map(ParseResult::isUsageHelpRequested).orElse(false)) {
            terminal.out().print(help(helpOf));
            terminal.out().flush();
            return Exits.OK;
        }
        if (sub.isEmpty()) {
            return usage(terminal, "no subcommand given", top);
        }
        return execute(parsed, sub.get(), env, terminal);
    }

    /** Runs the subcommand read; a failure is a message on stderr and an exit status. */
    private static int execute(ParseResult top, ParseResult sub, Map<String, String> env, Terminal terminal) {
        CommandLine helpOf = sub.commandSpec().commandLine();
        try {
            return dispatch(Session.of(top, sub, env, terminal));
        } catch (ParameterException e) {
            return usage(terminal, UsageErrors.message(e), helpOf);
        } catch (CommandFailedException e) {
            if (e.status() == Exits.USAGE) {
                return usage(terminal, e.getMessage(), helpOf);
            }
            terminal.error(e.getMessage());
            return e.status();
        } catch (RuntimeException e) {
            terminal.error("unexpected error (a bug in circusmeta; please report it with this trace): " + e);
            e.printStackTrace(terminal.err());
            return Exits.FAILED;
        }
    }

    /** What each subcommand does: to add one, add it to {@link Subcommand} and here. */
    private static int dispatch(Session session) {
        return switch (session.command()) {
            case NODES -> NodeCommands.nodes(session);
            case RENAME -> NodeCommands.rename(session);
            case CORDON, UNCORDON -> NodeCommands.eligibility(session);
            case DRAIN -> DrainView.drain(session);
            case APPLY -> ApplyView.apply(session);
            case STATUS -> WatcherCommands.status(session);
            case LIST -> WatcherCommands.list(session);
            case ADD -> WatcherCommands.add(session);
            case SCALE -> WatcherCommands.scale(session);
            case RM -> WatcherCommands.remove(session);
            case RESTART -> RollingRestartView.restart(session);
            case START, STOP, INCR, DECR -> WatcherCommands.act(session);
            case EXEC -> WatcherCommands.exec(session);
            case STATS -> StatsCommand.stats(session);
            case LOGS -> LogsCommand.logs(session);
            case TOP -> new TopView(session).run();
        };
    }

    /**
     * The subcommand the arguments name, as picocli will read them: the first argument that is neither
     * an option nor a global option's value. Only that subcommand's picocli command is then built (each
     * costs start-up time); the others are built for the general help and for errors, which list them.
     */
    static String subcommandName(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg;
            }
            if (CliOption.GLOBAL_WITH_VALUE.contains(arg)) {
                i++;
            }
        }
        return "";
    }

    /** The command line of the global options and the subcommands given. */
    static CommandLine commandLine(List<Subcommand> subcommands) {
        CommandSpec spec = command("circusmeta", SYNOPSIS, "Manages a pool of Circus nodes through the circusmeta"
                + " manager's HTTP API.");
        for (CliOption option : CliOption.GLOBAL) {
            spec.addOption(option.spec());
        }
        spec.usageMessage().commandListHeading("%nsubcommands:%n")
                .footer("%n'circusmeta SUBCOMMAND --help' tells more about one.%n%n" + EXIT_STATUS);
        CommandLine top = new CommandLine(spec);
        for (Subcommand sub : subcommands) {
            CommandSpec subSpec = sub.spec();
            top.addSubcommand(sub.commandName(), new CommandLine(subSpec));
            if (sub == Subcommand.ADD) {
                // After CMD, an option circusmeta does not know is one of the program's ARGS.
                subSpec.parser().unmatchedOptionsArePositionalParams(true);
            }
        }
        return top;
    }

    /** A command's spec with the help's layout; its arguments and options are added after. */
    static CommandSpec command(String name, String synopsis, String... description) {
        CommandSpec spec = CommandSpec.create().name(name).interpolateVariables(false);
        spec.usageMessage().customSynopsis(synopsis).synopsisHeading("usage: ").description(description)
                .descriptionHeading("%n").parameterListHeading("%narguments:%n")
                .optionListHeading("%noptions (anywhere before '--'):%n").sortOptions(false).width(100)
                .footer("%n" + EXIT_STATUS);
        return spec;
    }

    /** The help of a subcommand, or the general one (which lists every subcommand). */
    static String help(CommandLine command) {
        CommandLine whole = command.getParent() == null ? commandLine(List.of(Subcommand.values())) : command;
        return whole.getUsageMessage(Help.Ansi.OFF);
    }

    private static int usage(Terminal terminal, String message, CommandLine command) {
        terminal.error(message);
        terminal.err().println();
        terminal.err().print(help(command));
        terminal.err().flush();
        return Exits.USAGE;
    }
}
