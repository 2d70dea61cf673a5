package org.circusmeta.client.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's usage errors in this CLI's words, short and naming what to fix: {@code missing NAME},
 * {@code --node needs a value}, {@code unknown option --verbose}, {@code unknown subcommand 'launch'},
 * {@code unexpected argument 'extra'}, {@code --node is given twice}, {@code --json takes no value},
 * {@code --constraint takes k=v, got 'zone'}.
 *
 * <p>Stateless.
 */
final class UsageErrors {
    private static final Pattern FLAG_WITH_VALUE = Pattern.compile("option '(-[^']+)' should be specified without");
    private UsageErrors() {}

    static String message(ParameterException e) {
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec first = missing.getMissing().get(0);
            return first instanceof OptionSpec option ? option.longestName() + " needs a value"
                    : "missing " + first.paramLabel();
        }
        if (e instanceof OverwrittenOptionException overwritten && overwritten.getOverwritten() instanceof OptionSpec o) {
            return o.longestName() + " is given twice";
        }
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched(unmatched.getUnmatched(), e.getCommandLine().getParent() == null);
        }
        Matcher flagWithValue = FLAG_WITH_VALUE.matcher(e.getMessage());
        if (flagWithValue.lookingAt()) {
            return flagWithValue.group(1) + " takes no value";
        }
        if (e.getArgSpec() instanceof OptionSpec option && e.getMessage().contains("KEY=VALUE")) {
            return option.longestName() + " takes k=v, got '" + e.getValue() + "'";
        }
        return e.getMessage();
    }

    private static String unmatched(List<String> arguments, boolean beforeSubcommand) {
        String first = arguments.get(0);
        if (first.startsWith("-") && !first.equals("-")) {
            int eq = first.indexOf('=');
            return "unknown option " + (eq > 0 ? first.substring(0, eq) : first);
        }
        return beforeSubcommand ? "unknown subcommand '" + first + "'" : "unexpected argument '" + first + "'";
    }
}
