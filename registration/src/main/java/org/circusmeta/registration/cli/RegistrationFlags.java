package org.circusmeta.registration.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import picocli.CommandLine.Option;

/**
 * The flags of {@code circusmeta-register} and {@code circusmeta-node} that say how a node registers:
 * under which name and ZooKeeper namespace, with which labels and capacity, advertising which host
 * for endpoints bound to every interface, remembering a rename in which directory, reaching ZooKeeper
 * with which identity (ZooKeeper ACLs) and client settings (TLS); and {@code --help}. A picocli mixin: a command declares it as {@code @Mixin RegistrationFlags}, and
 * reads the values after {@link CommandLines#parse}.
 *
 * <p>Not thread-safe: picocli fills it in on one thread, then it is only read.
 */
public final class RegistrationFlags {
    @Option(names = "--name", paramLabel = "N", converter = FlagValues.NodeName.class, order = 10,
            description = "the node's name: 1 to 63 letters, digits, '-' or '_' (default: this host's short name,"
                    + " other characters turned into '-')")
    private String name;

    @Option(names = "--advertise-host", paramLabel = "H", converter = FlagValues.Text.class, order = 30,
            description = "the address put in the record in place of a 0.0.0.0 or * bind (default: this host's"
                    + " first non-loopback address)")
    private String advertiseHost;

    @Option(names = "--label", paramLabel = "k=v", parameterConsumer = FlagValues.Labels.class, order = 31,
            description = "a label for placement constraints; repeat for more")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--capacity", paramLabel = "C", converter = FlagValues.Capacity.class, order = 32,
            defaultValue = "1.0",
            description = "relative weight for placement: a node of capacity 2 takes twice the load (default:"
                    + " ${DEFAULT-VALUE})")
    private double capacity;

    @Option(names = "--state-dir", paramLabel = "DIR", order = 33,
            description = "where a rename is remembered across restarts")
    private Path stateDir;

    @Option(names = "--namespace", paramLabel = "NS", converter = FlagValues.Namespace.class, order = 34,
            defaultValue = RegistryPaths.DEFAULT_NAMESPACE,
            description = "the ZooKeeper namespace: the manager's zookeeper.namespace (default: ${DEFAULT-VALUE})")
    private String namespace;

    @Option(names = "--zookeeper-auth-file", paramLabel = "FILE", order = 35,
            description = "this node's ZooKeeper identity, one line user:password, when the registry has ZooKeeper"
                    + " ACLs on (a file, never the command line: ps shows that; keep it readable by this user only)")
    private Path zookeeperAuthFile;

    @Option(names = "--zookeeper-client-config", paramLabel = "FILE", order = 36,
            description = "ZooKeeper client settings, a Java properties file (zookeeper.client.secure,"
                    + " zookeeper.clientCnxnSocket, zookeeper.ssl.*, as zkCli.sh -client-configuration reads): for TLS")
    private Path zookeeperClientConfig;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "show this help and exit")
    private boolean help;

    /** {@code --name}; empty for the default, which depends on the host. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@code --advertise-host}; empty for the default, which depends on the host. */
    public Optional<String> advertiseHost() {
        return Optional.ofNullable(advertiseHost);
    }

    /** Every {@code --label}, in the order given; unmodifiable. */
    public Map<String, String> labels() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** {@code --capacity}, 1.0 by default. */
    public double capacity() {
        return capacity;
    }

    /** {@code --state-dir}. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /** {@code --namespace}, {@value RegistryPaths#DEFAULT_NAMESPACE} by default. */
    public String namespace() {
        return namespace;
    }

    /** {@code --zookeeper-auth-file}. */
    public Optional<Path> zookeeperAuthFile() {
        return Optional.ofNullable(zookeeperAuthFile);
    }

    /** {@code --zookeeper-client-config}. */
    public Optional<Path> zookeeperClientConfig() {
        return Optional.ofNullable(zookeeperClientConfig);
    }

    /**
     * How to reach the registry at {@code connect}: the namespace, the default session timeout, and
     * the identity and the client settings of the two files, read now.
     *
     * @throws IllegalArgumentException when a file cannot be read or is not what it should be, naming it
     */
    public ZooKeeperSettings zookeeper(String connect) {
        ZooKeeperSettings settings = ZooKeeperSettings.of(connect, namespace, ZooKeeperClients.DEFAULT_SESSION_TIMEOUT);
        if (zookeeperClientConfig != null) {
            settings = settings.withClientConfig(zookeeperClientConfig);
        }
        if (zookeeperAuthFile != null) {
            settings = settings.withCredentials(ZooKeeperCredentials.read(zookeeperAuthFile));
        }
        return settings;
    }
}
