package org.circusmeta.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;
import org.circusmeta.client.Answer;
import org.circusmeta.api.InstancesValue;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.ManagerUnreachable;
import org.circusmeta.client.RecordJson;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * One run of a subcommand: its arguments and options as picocli read them, the global options (given
 * before or after the subcommand's name), the client of the manager they name, and where to write.
 * Its calls print the API's JSON as it came with {@code --json}, and turn a refusal into a
 * {@link CommandFailedException} that says what the manager said and what to do (exit status 2 for a
 * request the manager found invalid, 1 else).
 *
 * <p>Confined to the CLI's main thread.
 */
final class Session {
    private final Subcommand command;
    private final ParseResult parsed;
    private final Terminal terminal;
    private final boolean json;
    private final ManagerClient client;

    private Session(Subcommand command, ParseResult parsed, Terminal terminal, boolean json, ManagerClient client) {
        this.command = command;
        this.parsed = parsed;
        this.terminal = terminal;
        this.json = json;
        this.client = client;
    }

    /** @throws ParameterException for a global option given twice or a manager URL that is not one */
    static Session of(ParseResult top, ParseResult sub, Map<String, String> env, Terminal terminal) {
        Subcommand command = Subcommand.named(sub.commandSpec().name()).orElseThrow();
        String manager = global(top, sub, CliOption.MANAGER)
                .orElse(env.getOrDefault("CIRCUSMETA_MANAGER", ManagerUnreachable.DEFAULT_MANAGER));
        Optional<String> token = global(top, sub, CliOption.TOKEN).or(() -> Optional.ofNullable(env.get("CIRCUSMETA_TOKEN")))
                .map(String::strip).filter(t -> !t.isEmpty());
        boolean json = top.hasMatchedOption(CliOption.JSON.optionName()) || sub.hasMatchedOption(CliOption.JSON.optionName());
        Optional<String> caFile = global(top, sub, CliOption.CA_FILE).or(() -> Optional.ofNullable(env.get("CIRCUSMETA_CA_FILE")))
                .map(String::strip).filter(f -> !f.isEmpty());
        try {
            ManagerClient client = ManagerClient.at(manager).withToken(token);
            return new Session(command, sub, terminal, json, caFile.map(f -> client.trusting(Path.of(f))).orElse(client));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(sub.commandSpec().commandLine(), e.getMessage(), e);
        }
    }

    private static Optional<String> global(ParseResult top, ParseResult sub, CliOption option) {
        String name = option.optionName();
        if (top.hasMatchedOption(name) && sub.hasMatchedOption(name)) {
            throw new ParameterException(sub.commandSpec().commandLine(), name + " is given twice");
        }
        ParseResult given = sub.hasMatchedOption(name) ? sub : top;
        return Optional.ofNullable(given.matchedOptionValue(name, null));
    }

    Subcommand command() {
        return command;
    }

    Terminal terminal() {
        return terminal;
    }

    boolean json() {
        return json;
    }

    ManagerClient client() {
        return client;
    }

    Optional<String> option(CliOption option) {
        return Optional.ofNullable(parsed.matchedOptionValue(option.optionName(), null));
    }

    boolean flag(CliOption option) {
        return parsed.hasMatchedOption(option.optionName());
    }

    /** A repeatable option's values ({@code --node a --node b}), in order. */
    List<String> all(CliOption option) {
        return parsed.matchedOptionValue(option.optionName(), List.of());
    }

    /** A {@code k=v} option's pairs. */
    Map<String, String> pairs(CliOption option) {
        return parsed.matchedOptionValue(option.optionName(), Map.of());
    }

    /** The argument labelled {@code label} in the synopsis, when given. */
    Optional<String> argument(String label) {
        return Optional.ofNullable((String) positional(label).getValue());
    }

    /** The arguments of a label that takes the rest ({@code ARGS...}). */
    @SuppressWarnings("unchecked")
    List<String> arguments(String label) {
        List<String> values = (List<String>) positional(label).getValue();
        return values == null ? List.of() : values;
    }

    private PositionalParamSpec positional(String label) {
        return parsed.commandSpec().positionalParameters().stream().filter(p -> p.paramLabel().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(command + " has no argument " + label));
    }

    /** {@code value} as a whole number of at least {@code min}. @throws ParameterException otherwise */
    int wholeNumber(String what, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw usage(what + " must be a whole number of at least " + min + ", got '" + value + "'");
    }

    /** A count of copies, or {@code all}, as the API takes it. */
    JsonNode instances(String what, String value) {
        JsonNode parsed = InstancesValue.parse(value);
        if (!InstancesValue.isValid(parsed)) {
            throw usage(what + " must be a whole number of at least 1, or all, got '" + value + "'");
        }
        return parsed;
    }

    /** A usage error of this subcommand: exit status 2, with its help. */
    ParameterException usage(String message) {
        return new ParameterException(parsed.commandSpec().commandLine(), message);
    }

    /** The call's answer read as its record; with {@code --json} its body printed as it came, an error's too. */
    <T> T call(ApiCall<T> call) {
        return answer(call).value();
    }

    /** {@link #call}, with the whole answer: its {@code Warning} headers too. */
    <T> Answer<T> answer(ApiCall<T> call) {
        Answer<T> answer;
        try {
            answer = client.answer(call);
        } catch (ManagerRefused e) {
            throw refused(e);
        } catch (ManagerUnreachable e) {
            throw new CommandFailedException(e.getMessage());
        }
        if (json && !answer.body().isEmpty()) {
            terminal.print(answer.body());
        }
        return answer;
    }

    /**
     * A call that starts a long-running operation, followed to its end: each line of progress told to
     * {@code progress} as it comes (and with {@code --json} printed as it came); the operation as it ended.
     */
    OperationView follow(ApiCall<OperationView> call, Consumer<OperationEvent> progress) {
        try {
            return client.follow(call, line -> {
                if (json) {
                    terminal.print(line.body());
                }
                progress.accept(line.value());
            });
        } catch (ManagerRefused e) {
            throw refused(e);
        } catch (ManagerUnreachable e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** A call that starts a long-running operation, answered at once: the operation as it stands (printed with {@code --json}). */
    OperationView startDetached(ApiCall<OperationView> call) {
        try {
            OperationView started = client.startDetached(call);
            if (json) {
                terminal.print(RecordJson.write(started));
            }
            return started;
        } catch (ManagerRefused e) {
            throw refused(e);
        } catch (ManagerUnreachable e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** A refusal in the CLI's terms: printed as it came with {@code --json}; what to do for a missing token. */
    CommandFailedException refused(ManagerRefused e) {
        if (json && !e.body().isEmpty()) {
            terminal.print(e.body());
        }
        return switch (e.status()) {
            case 401 -> new CommandFailedException(e.getMessage() + "\nGive one of the manager's auth.tokens with --token T"
                    + " or CIRCUSMETA_TOKEN.");
            case 422 -> new CommandFailedException(e.getMessage(), Exits.USAGE);
            default -> new CommandFailedException(e.getMessage());
        };
    }
}
