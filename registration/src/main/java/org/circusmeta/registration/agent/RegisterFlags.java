package org.circusmeta.registration.agent;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.registration.cli.FlagValues;
import org.circusmeta.registration.cli.RegistrationFlags;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@code circusmeta-register} (see README.md, "Joining real circusd nodes"): every
 * value checked as it is read, the endpoints taken either from {@code --circus-ini} or from
 * {@code --endpoint} (with {@code --pubsub} and {@code --stats}), never both.
 *
 * <p>Not thread-safe: filled in by picocli, then only read.
 */
@Command(name = "circusmeta-register", sortOptions = false, sortSynopsis = false, descriptionHeading = "%n",
        optionListHeading = "%n",
        description = "Registers the circusd of this host in ZooKeeper as /nodes/NAME while circusd answers, and keeps"
                + " it registered until stopped (SIGTERM removes it at once). Logs go to stderr.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:after a clean stop or --help", "1:the command line is right but what it names is not (a"
                + " missing or unreadable circus.ini, credentials file or ZooKeeper client configuration)",
                "2:a wrong command line"})
final class RegisterFlags {
    @Option(names = "--zookeeper", paramLabel = "HOSTS", required = true, converter = FlagValues.ConnectString.class,
            order = 1, description = "ZooKeeper connect string, e.g. zk1:2181,zk2:2181,zk3:2181")
    private String zookeeper;

    @Mixin
    private RegistrationFlags registration;

    @ArgGroup(exclusive = true, order = 20)
    private Daemon daemon;

    @Option(names = "--version-label", paramLabel = "V", converter = FlagValues.Text.class, order = 40,
            description = "the circusd version put in the record (default: " + RegistrationPlan.DEFAULT_VERSION + ")")
    private String versionLabel;

    @Option(names = "--logs-endpoint", paramLabel = "E|none", converter = FlagValues.EndpointOrNone.class, order = 41,
            description = "where to serve the output of circusd's watchers (docs/logs.md); default: a free port on the"
                    + " address circusd's endpoint binds; none: serve nothing")
    private String logsEndpoint;

    /** Where circusd listens: its circus.ini, or the endpoints themselves. */
    static final class Daemon {
        @ArgGroup(exclusive = false, multiplicity = "1", order = 20)
        private Ini ini;

        @ArgGroup(exclusive = false, multiplicity = "1", order = 21)
        private Endpoints endpoints;
    }

    /** The circus.ini to read the endpoints from. */
    static final class Ini {
        @Option(names = "--circus-ini", paramLabel = "FILE", required = true, order = 20,
                description = "read endpoint, pubsub_endpoint and stats_endpoint from its [circus] section, with"
                        + " circusd's defaults (default: circusd's defaults)")
        private Path circusIni;
    }

    /** The endpoints given one by one: the control endpoint, then optionally the streams. */
    static final class Endpoints {
        @Option(names = "--endpoint", paramLabel = "E", required = true, converter = FlagValues.CircusEndpoint.class,
                order = 21, description = "circusd's control endpoint, instead of --circus-ini")
        private String endpoint;

        @Option(names = "--pubsub", paramLabel = "P", converter = FlagValues.CircusEndpoint.class, order = 22,
                description = "its events endpoint (with --endpoint)")
        private String pubsub;

        @Option(names = "--stats", paramLabel = "S", converter = FlagValues.CircusEndpoint.class, order = 23,
                description = "its stats endpoint (with --endpoint)")
        private String stats;
    }

    String zookeeper() {
        return zookeeper;
    }

    String namespace() {
        return registration.namespace();
    }

    /** How to reach the registry, its files read now; see {@link RegistrationFlags#zookeeper}. */
    ZooKeeperSettings zookeeperSettings() {
        return registration.zookeeper(zookeeper);
    }

    Optional<String> name() {
        return registration.name();
    }

    Optional<Path> circusIni() {
        return Optional.ofNullable(daemon).map(d -> d.ini).map(i -> i.circusIni);
    }

    Optional<String> endpoint() {
        return endpoints().map(e -> e.endpoint);
    }

    Optional<String> pubsub() {
        return endpoints().map(e -> e.pubsub);
    }

    Optional<String> stats() {
        return endpoints().map(e -> e.stats);
    }

    Optional<String> advertiseHost() {
        return registration.advertiseHost();
    }

    Map<String, String> labels() {
        return registration.labels();
    }

    double capacity() {
        return registration.capacity();
    }

    Optional<Path> stateDir() {
        return registration.stateDir();
    }

    Optional<String> versionLabel() {
        return Optional.ofNullable(versionLabel);
    }

    /** The endpoint to serve logs on, {@code none} for no logs, or empty for the default. */
    Optional<String> logsEndpoint() {
        return Optional.ofNullable(logsEndpoint);
    }

    private Optional<Endpoints> endpoints() {
        return Optional.ofNullable(daemon).map(d -> d.endpoints);
    }
}
