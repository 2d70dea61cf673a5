package org.circusmeta.manager.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One command line, read: the subcommand, its arguments and options, and the global options. Options
 * may come anywhere before {@code --}, as {@code --opt value} or {@code --opt=value}; after the CMD of
 * {@code add}, an unknown option is one of the program's ARGS.
 *
 * <p>Immutable.
 */
record Invocation(
        Optional<Subcommand> subcommand,
        List<String> positional,
        Map<String, List<String>> options,
        boolean json,
        boolean help,
        String manager,
        Optional<String> token) {

    private static final Set<String> GLOBAL = Set.of("--manager", "--token", "--json", "--help", "-h");

    /** @throws UsageException saying what is wrong, and for which subcommand */
    static Invocation parse(List<String> args, Map<String, String> env) {
        Parser p = new Parser();
        for (int i = 0; i < args.size(); i++) {
            i = p.take(args, i);
        }
        if (p.help) {
            return p.build(env);
        }
        Subcommand sub = p.subcommand.orElseThrow(() -> new UsageException(Optional.empty(), "no subcommand given"));
        if (p.positional.size() < sub.minPositional()) {
            throw new UsageException(p.subcommand, "missing " + sub.synopsis().split(" ")[p.positional.size() + 2]);
        }
        if (p.positional.size() > sub.maxPositional()) {
            throw new UsageException(p.subcommand, "unexpected argument '" + p.positional.get(sub.maxPositional()) + "'");
        }
        return p.build(env);
    }

    Optional<String> option(String name) {
        List<String> values = options.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    Subcommand command() {
        return subcommand.orElseThrow();
    }

    /** {@code value} as a whole number of at least {@code min}. @throws UsageException otherwise */
    int wholeNumber(String what, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(what + " must be a whole number of at least " + min + ", got '" + value + "'");
    }

    /** A usage error of this invocation's subcommand. */
    UsageException usage(String message) {
        return new UsageException(subcommand, message);
    }

    private static final class Parser {
        Optional<Subcommand> subcommand = Optional.empty();
        final List<String> positional = new ArrayList<>();
        final Map<String, List<String>> options = new LinkedHashMap<>();
        final Map<String, String> global = new LinkedHashMap<>();
        boolean json;
        boolean help;
        boolean rest;

        int take(List<String> args, int i) {
            String arg = args.get(i);
            if (rest || arg.equals("-") || !arg.startsWith("-")) {
                positionalArg(arg);
                return i;
            }
            if (arg.equals("--")) {
                rest = true;
                return i;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            Optional<String> inline = name.equals(arg) ? Optional.empty() : Optional.of(arg.substring(eq + 1));
            if (name.equals("--json") || name.equals("--help") || name.equals("-h") || Subcommand.FLAGS.contains(name)) {
                flag(name, inline);
                return i;
            }
            boolean known = GLOBAL.contains(name) || subcommand.map(s -> s.accepts(name)).orElse(false);
            if (!known) {
                if (subcommand.orElse(null) == Subcommand.ADD && positional.size() >= 2) {
                    positional.add(arg);
                    return i;
                }
                throw new UsageException(subcommand, "unknown option " + name);
            }
            if (inline.isPresent()) {
                value(name, inline.get());
                return i;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(subcommand, name + " needs a value");
            }
            value(name, args.get(i + 1));
            return i + 1;
        }

        private void positionalArg(String arg) {
            if (subcommand.isPresent()) {
                positional.add(arg);
                return;
            }
            subcommand = Subcommand.named(arg);
            if (subcommand.isEmpty()) {
                throw new UsageException(Optional.empty(), "unknown subcommand '" + arg + "'");
            }
        }

        private void flag(String name, Optional<String> inline) {
            if (inline.isPresent()) {
                throw new UsageException(subcommand, name + " takes no value");
            }
            switch (name) {
                case "--json" -> json = true;
                case "--help", "-h" -> help = true;
                default -> {
                    if (!subcommand.map(s -> s.accepts(name)).orElse(false)) {
                        throw new UsageException(subcommand, "unknown option " + name);
                    }
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                }
            }
        }

        private void value(String name, String value) {
            if (GLOBAL.contains(name)) {
                if (global.put(name, value) != null) {
                    throw new UsageException(subcommand, name + " is given twice");
                }
                return;
            }
            List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
            if (!values.isEmpty() && !subcommand.orElseThrow().repeats(name)) {
                throw new UsageException(subcommand, name + " is given twice");
            }
            values.add(value);
        }

        Invocation build(Map<String, String> env) {
            String manager = global.getOrDefault("--manager",
                    env.getOrDefault("CIRCUSMETA_MANAGER", Help.DEFAULT_MANAGER)).strip();
            Optional<String> token = Optional.ofNullable(global.getOrDefault("--token", env.get("CIRCUSMETA_TOKEN")))
                    .map(String::strip).filter(t -> !t.isEmpty());
            return new Invocation(subcommand, List.copyOf(positional), Map.copyOf(options), json, help,
                    checkedUrl(manager), token);
        }

        private String checkedUrl(String manager) {
            String url = manager.endsWith("/") ? manager.substring(0, manager.length() - 1) : manager;
            try {
                URI uri = URI.create(url);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return url;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new UsageException(subcommand, "the manager URL '" + manager
                    + "' is not an http:// or https:// URL (e.g. http://127.0.0.1:8080)");
        }
    }
}
