package org.circusmeta.node.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.protocol.QualifiedName;

/**
 * The command line of {@code circusmeta-node}. {@code --flag value} and {@code --flag=value}
 * are both accepted; {@code --label} repeats.
 *
 * <p>Immutable.
 */
record NodeFlags(
        Path config, Optional<String> zookeeper, Optional<String> name, Optional<String> advertiseHost,
        Map<String, String> labels, double capacity, Optional<Path> stateDir, Optional<Path> zookeeperAuthFile,
        Optional<Path> zookeeperClientConfig, boolean help) {

    static final String USAGE = """
            usage: circusmeta-node --config node.ini [--zookeeper HOSTS] [--name N] [--advertise-host H]
                                   [--label k=v]... [--capacity C] [--state-dir DIR]
                                   [--zookeeper-auth-file FILE] [--zookeeper-client-config FILE]

              --config FILE         the circus.ini to run (required)
              --zookeeper HOSTS     register in ZooKeeper (host:port[,host:port...]); without it the node
                                    runs standalone, like a plain circusd
              --name N              the node's name (default: this host's short name)
              --advertise-host H    the address put in the record for endpoints bound to every interface
                                    (default: this host's first non-loopback address)
              --label k=v           a label for placement; repeat for more
              --capacity C          relative weight for placement (default 1.0)
              --state-dir DIR       where a rename is remembered across restarts
              --zookeeper-auth-file FILE
                                    this node's ZooKeeper identity, one line user:password, when the
                                    registry has ZooKeeper ACLs on (keep the file chmod 600)
              --zookeeper-client-config FILE
                                    ZooKeeper client settings (Java properties: zookeeper.client.secure,
                                    zookeeper.clientCnxnSocket, zookeeper.ssl.*), e.g. for TLS
            """;

    /** A command line that cannot be run; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** @throws UsageException for an unknown flag, a missing or bad value, or no --config */
    static NodeFlags parse(String... args) {
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!Map.of("--config", 1, "--zookeeper", 1, "--name", 1, "--advertise-host", 1, "--label", 1,
                    "--capacity", 1, "--state-dir", 1, "--zookeeper-auth-file", 1, "--zookeeper-client-config", 1)
                    .containsKey(flag)) {
                throw new UsageException(arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value");
            }
            if (flag.equals("--label")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--label takes KEY=VALUE, got '" + value + "'");
                }
                labels.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (single.put(flag, value) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        if (help) {
            return new NodeFlags(Path.of(""), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), 1.0,
                    Optional.empty(), Optional.empty(), Optional.empty(), true);
        }
        if (!single.containsKey("--config")) {
            throw new UsageException("--config is required");
        }
        if (!single.containsKey("--zookeeper")) {
            for (String zookeeperOnly : new String[] {"--zookeeper-auth-file", "--zookeeper-client-config"}) {
                if (single.containsKey(zookeeperOnly)) {
                    throw new UsageException(zookeeperOnly + " goes with --zookeeper");
                }
            }
        }
        Optional<String> name = Optional.ofNullable(single.get("--name"));
        try {
            name.ifPresent(QualifiedName::requireNodeName);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--name: " + e.getMessage());
        }
        return new NodeFlags(Path.of(single.get("--config")), Optional.ofNullable(single.get("--zookeeper")), name,
                Optional.ofNullable(single.get("--advertise-host")), labels, capacity(single.get("--capacity")),
                Optional.ofNullable(single.get("--state-dir")).map(Path::of),
                Optional.ofNullable(single.get("--zookeeper-auth-file")).map(Path::of),
                Optional.ofNullable(single.get("--zookeeper-client-config")).map(Path::of), false);
    }

    private static double capacity(String value) {
        if (value == null) {
            return 1.0;
        }
        try {
            double c = Double.parseDouble(value);
            if (c > 0 && !Double.isInfinite(c)) {
                return c;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--capacity takes a positive number, got '" + value + "'");
    }
}
