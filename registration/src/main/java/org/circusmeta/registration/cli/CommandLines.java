package org.circusmeta.registration.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reads a command line into a picocli-annotated object, as every command of this project does:
 * plain text (no colours, 100 columns), {@code -h}/{@code --help} printed to {@code out} with exit
 * status 0, a wrong command line answered on {@code err} with {@code NAME: what is wrong}, picocli's
 * suggestions for a mistyped flag, then the help, and exit status {@value #USAGE_ERROR}.
 *
 * <p>Thread-safe: holds no state.
 */
public final class CommandLines {
    /** Exit status for a wrong command line. */
    public static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;
    /** Exit status when the command line is right but what it names (a file, an address) is not. */
    public static final int CONFIG_ERROR = CommandLine.ExitCode.SOFTWARE;
    private static final int WIDTH = 100;

    private CommandLines() {}

    /** A picocli command line for an annotated command object, with this project's settings. */
    public static CommandLine create(Object command) {
        CommandLine line = new CommandLine(command);
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line.setUsageHelpWidth(WIDTH);
        return line;
    }

    /**
     * Reads {@code args} into the command's fields.
     *
     * @return empty when the command is to run; else the status to exit with at once: 0 after the help
     *     was printed to {@code out}, {@value #USAGE_ERROR} after the reason and the help went to
     *     {@code err}
     */
    public static OptionalInt parse(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = create(command).setOut(out).setErr(err);
        try {
            if (CommandLine.printHelpIfRequested(line.parseArgs(args))) {
                out.flush();
                return OptionalInt.of(0);
            }
            return OptionalInt.empty();
        } catch (ParameterException e) {
            err.println(line.getCommandName() + ": " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println();
            line.usage(err);
            err.flush();
            return OptionalInt.of(USAGE_ERROR);
        }
    }
}
