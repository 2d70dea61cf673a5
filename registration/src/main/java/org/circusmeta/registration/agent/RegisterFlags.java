package org.circusmeta.registration.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * The command line of {@code circusmeta-register}, checked: every value has its form, the
 * endpoints come either from {@code --circus-ini} or from {@code --endpoint} (with {@code --pubsub}
 * and {@code --stats} optional), never both.
 *
 * <p>Immutable.
 */
record RegisterFlags(
        String zookeeper,
        String namespace,
        Optional<String> name,
        Optional<Path> circusIni,
        Optional<String> endpoint,
        Optional<String> pubsub,
        Optional<String> stats,
        Optional<String> advertiseHost,
        Map<String, String> labels,
        OptionalDouble capacity,
        Optional<Path> stateDir,
        Optional<String> versionLabel,
        Optional<Path> zookeeperAuthFile,
        Optional<Path> zookeeperClientConfig,
        boolean help) {

    static final String USAGE = """
            usage: circusmeta-register --zookeeper HOSTS [--name N]
                       [--circus-ini FILE | --endpoint E [--pubsub P] [--stats S]]
                       [--advertise-host H] [--label k=v]... [--capacity C] [--state-dir DIR]
                       [--namespace NS] [--version-label V]
                       [--zookeeper-auth-file FILE] [--zookeeper-client-config FILE]

            Registers the circusd of this host in ZooKeeper as /nodes/NAME (while circusd answers) and
            keeps it registered until stopped (SIGTERM removes it at once).

              --zookeeper HOSTS     ZooKeeper connect string, e.g. zk1:2181,zk2:2181 (required)
              --name N              node name (default: the short host name)
              --circus-ini FILE     read endpoint, pubsub_endpoint and stats_endpoint from its [circus]
                                    section, with circusd's defaults (default: circusd's defaults)
              --endpoint E          circusd's control endpoint, instead of --circus-ini
              --pubsub P            its events endpoint (with --endpoint)
              --stats S             its stats endpoint (with --endpoint)
              --advertise-host H    address put in place of a 0.0.0.0 or * bind
                                    (default: this host's first non-loopback address)
              --label k=v           a label for placement constraints; repeat for more
              --capacity C          relative weight for placement (default 1.0)
              --state-dir DIR       where a rename is remembered across restarts
              --namespace NS        ZooKeeper namespace (default circusmeta)
              --version-label V     the version recorded for circusd (default 0.19)
              --zookeeper-auth-file FILE
                                    this node's ZooKeeper identity, one line user:password, when the
                                    registry has ZooKeeper ACLs on (keep the file chmod 600)
              --zookeeper-client-config FILE
                                    ZooKeeper client settings (Java properties: zookeeper.client.secure,
                                    zookeeper.clientCnxnSocket, zookeeper.ssl.*), e.g. for TLS
              --help                this text
            """;

    /**
     * @throws UsageException saying which flag is wrong and how
     */
    static RegisterFlags parse(String... args) {
        Map<String, List<String>> values = collect(args);
        if (values.containsKey("--help")) {
            return new RegisterFlags("", RegistryPaths.DEFAULT_NAMESPACE, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                    OptionalDouble.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    true);
        }
        String zookeeper = single(values, "--zookeeper")
                .orElseThrow(() -> new UsageException("--zookeeper HOSTS is required"));
        checked("--zookeeper", ZooKeeperClients::requireConnectString, zookeeper);
        String namespace = single(values, "--namespace").orElse(RegistryPaths.DEFAULT_NAMESPACE);
        checked("--namespace", ZooKeeperClients::requireNamespace, namespace);
        Optional<Path> ini = single(values, "--circus-ini").map(Path::of);
        Optional<String> endpoint = single(values, "--endpoint").map(e -> endpoint("--endpoint", e));
        Optional<String> pubsub = single(values, "--pubsub").map(e -> endpoint("--pubsub", e));
        Optional<String> stats = single(values, "--stats").map(e -> endpoint("--stats", e));
        if (ini.isPresent() && (endpoint.isPresent() || pubsub.isPresent() || stats.isPresent())) {
            throw new UsageException("give either --circus-ini or --endpoint/--pubsub/--stats, not both");
        }
        if (endpoint.isEmpty() && (pubsub.isPresent() || stats.isPresent())) {
            throw new UsageException("--pubsub and --stats go with --endpoint");
        }
        return new RegisterFlags(zookeeper, namespace,
                single(values, "--name").map(RegisterFlags::nodeName), ini, endpoint, pubsub, stats,
                single(values, "--advertise-host"), labels(values.getOrDefault("--label", List.of())),
                capacity(single(values, "--capacity")), single(values, "--state-dir").map(Path::of),
                single(values, "--version-label"), single(values, "--zookeeper-auth-file").map(Path::of),
                single(values, "--zookeeper-client-config").map(Path::of), false);
    }

    private static final List<String> FLAGS = List.of("--zookeeper", "--name", "--circus-ini", "--endpoint",
            "--pubsub", "--stats", "--advertise-host", "--label", "--capacity", "--state-dir", "--namespace",
            "--version-label", "--zookeeper-auth-file", "--zookeeper-client-config");

    private static Map<String, List<String>> collect(String[] args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                values.put("--help", List.of());
                continue;
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!FLAGS.contains(flag)) {
                throw new UsageException(arg.startsWith("-") ? "unknown flag " + flag : "unexpected argument '" + arg
                        + "' (every value follows its flag)");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            values.computeIfAbsent(flag, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static Optional<String> single(Map<String, List<String>> values, String flag) {
        List<String> given = values.getOrDefault(flag, List.of());
        if (given.size() > 1) {
            throw new UsageException(flag + " is given " + given.size() + " times; give it once");
        }
        if (given.size() == 1 && given.get(0).isBlank()) {
            throw new UsageException(flag + " needs a value");
        }
        return given.stream().findFirst().map(String::strip);
    }

    private static void checked(String flag, Consumer<String> check, String value) {
        try {
            check.accept(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private static String nodeName(String name) {
        if (!QualifiedName.isValidNodeName(name)) {
            throw new UsageException("--name '" + name + "' is not a valid node name: use 1 to 63 letters, digits, '-'"
                    + " or '_', starting with a letter or digit (no dots, no colons)");
        }
        return name;
    }

    private static String endpoint(String flag, String value) {
        try {
            return Endpoint.parse(value).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private static Map<String, String> labels(List<String> given) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : given) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--label '" + label + "' is not k=v");
            }
            if (labels.put(label.substring(0, eq).strip(), label.substring(eq + 1).strip()) != null) {
                throw new UsageException("--label " + label.substring(0, eq) + " is given twice");
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    private static OptionalDouble capacity(Optional<String> given) {
        if (given.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double c = Double.parseDouble(given.get());
            if (c > 0 && !Double.isInfinite(c)) {
                return OptionalDouble.of(c);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException("--capacity '" + given.get() + "' is not a positive number");
    }
}
