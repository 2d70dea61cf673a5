package org.circusmeta.registration.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Stack;
import java.util.function.Consumer;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The checks of the values the command lines take, each written once: picocli runs them while it
 * reads the line, so a wrong value is a usage error (exit status 2) that names the flag and says
 * what is wrong. Every text value is stripped of surrounding blanks.
 *
 * <p>Thread-safe: the converters hold no state.
 */
public final class FlagValues {
    private FlagValues() {}

    /** A value that is not blank, stripped. */
    public static final class Text extends Checked {
        public Text() {
            super(value -> { });
        }
    }

    /** A ZooKeeper connect string, {@code host:port[,host:port...][/chroot]}. */
    public static final class ConnectString extends Checked {
        public ConnectString() {
            super(ZooKeeperClients::requireConnectString);
        }
    }

    /** A ZooKeeper namespace: a path without leading or trailing slash. */
    public static final class Namespace extends Checked {
        public Namespace() {
            super(ZooKeeperClients::requireNamespace);
        }
    }

    /** A node name: 1 to 63 letters, digits, {@code -} or {@code _}, starting with a letter or digit. */
    public static final class NodeName extends Checked {
        public NodeName() {
            super(QualifiedName::requireNodeName);
        }
    }

    /** A circus endpoint, {@code tcp://HOST:PORT} or {@code ipc://PATH}. */
    public static final class CircusEndpoint extends Checked {
        public CircusEndpoint() {
            super(Endpoint::parse);
        }
    }

    /** A circus endpoint, or {@code none}. */
    public static final class EndpointOrNone extends Checked {
        public EndpointOrNone() {
            super(value -> {
                if (!value.equals("none")) {
                    Endpoint.parse(value);
                }
            });
        }
    }

    /** A capacity: a positive, finite number. */
    public static final class Capacity implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double c = Double.parseDouble(value.strip());
                if (c > 0 && !Double.isInfinite(c)) {
                    return c;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new TypeConversionException("'" + value + "' is not a positive number");
        }
    }

    /**
     * {@code --label k=v}, repeatable, into the option's {@code Map<String, String>} in the order
     * given: the key is what comes before the first {@code =} and may not be empty; a key given twice
     * is refused rather than silently replaced.
     */
    public static final class Labels implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
            String flag = ((OptionSpec) option).longestName();
            if (args.isEmpty()) {
                throw new ParameterException(command.commandLine(), "Missing required parameter for option '" + flag
                        + "' (" + option.paramLabel() + ")");
            }
            String label = args.pop();
            int eq = label.indexOf('=');
            if (eq <= 0 || label.substring(0, eq).isBlank()) {
                throw new ParameterException(command.commandLine(), "Invalid value for option '" + flag + "': '" + label
                        + "' is not k=v (write the label as KEY=VALUE, e.g. zone=eu-1)");
            }
            Map<String, String> labels = option.getValue();
            if (labels == null) {
                labels = new LinkedHashMap<>();
                option.setValue(labels);
            }
            String key = label.substring(0, eq).strip();
            if (labels.put(key, label.substring(eq + 1).strip()) != null) {
                throw new ParameterException(command.commandLine(), "Invalid value for option '" + flag + "': the label '"
                        + key + "' is given twice; give each key once");
            }
        }
    }

    /**
     * A text value: stripped, not blank, and passing a rule that throws {@link IllegalArgumentException}
     * with the reason.
     */
    abstract static class Checked implements ITypeConverter<String> {
        private final Consumer<String> rule;

        Checked(Consumer<String> rule) {
            this.rule = rule;
        }

        @Override
        public final String convert(String value) {
            String stripped = value.strip();
            if (stripped.isEmpty()) {
                throw new TypeConversionException("a value is required, got '" + value + "'");
            }
            try {
                rule.accept(stripped);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return stripped;
        }
    }
}
