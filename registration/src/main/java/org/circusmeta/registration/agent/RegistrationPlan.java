package org.circusmeta.registration.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.ini.CircusIni;
import org.circusmeta.registration.ini.CircusSettings;
import org.circusmeta.registration.record.HostInfo;
import org.circusmeta.registration.logs.CircusdLogs;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.registrar.RegistrarOptions;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * What {@code circusmeta-register} registers, worked out from its flags, the circus.ini and the host:
 * the endpoints from the ini's {@code [circus]} section (circusd's defaults for missing keys; a stats
 * endpoint only when the ini turns stats on) or from the flags; a {@code 0.0.0.0}, {@code *} or
 * {@code ::} bind advertised with {@code --advertise-host} (default: the host's first non-loopback
 * address) and asked for its health on loopback; the name from {@code --name} or the short host
 * name (docs/registry.md, "Names"); {@code kind: circusd}; {@code version}: {@code --version-label}, else
 * {@value #DEFAULT_VERSION} (circusd has no command that tells its version; 0.19 is the protocol
 * this agent speaks); the logs of circusd's watchers served at {@code --logs-endpoint}, by default a
 * free port on the address circusd's control endpoint binds (every interface when that is a host
 * name), advertised like the other endpoints. With {@code --zookeeper-auth-file}, the ZooKeeper
 * settings carry that identity: the agent authenticates as it and holds its record in sessions of its
 * own (ZooKeeper ACLs on).
 *
 * <p>Immutable.
 *
 * @param zookeeper how to reach the registry
 * @param options what the registrar registers (its record gets the logs endpoint once it is bound)
 * @param logs what the agent serves of circusd's logs; empty with {@code --logs-endpoint none}
 * @param advertiseHost the address put in place of a wildcard bind
 */
record RegistrationPlan(ZooKeeperSettings zookeeper, RegistrarOptions options, Optional<CircusdLogs.Settings> logs,
        String advertiseHost) {
    static final String DEFAULT_VERSION = "0.19";
    /**
     * The agent asks circusd once a second, where the registrar's default is twice: two calls, each
     * with its deadline, still go unanswered before the health gate deletes the znode, and the agent,
     * which runs on every circusd host, spends half the CPU on them.
     */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|.*:.*|\\*|localhost");

    /**
     * @throws org.circusmeta.registration.ini.IniException when the circus.ini is missing or wrong, naming it
     * @throws IllegalArgumentException when the credentials or client configuration file cannot be read
     */
    static RegistrationPlan of(RegisterFlags flags, HostInfo host) {
        CircusSettings circus = flags.circusIni().map(file -> CircusIni.read(file).circus())
                .orElseGet(() -> CircusIni.parse("", "(circusd defaults)").circus());
        String control = flags.endpoint().orElse(circus.endpoint());
        Optional<String> pubsub = flags.endpoint().isPresent() ? flags.pubsub() : Optional.of(circus.pubsubEndpoint());
        Optional<String> stats = flags.endpoint().isPresent() ? flags.stats() : circus.statsEndpoint();
        String advertise = flags.advertiseHost().orElse(host.firstAddress());
        String name = flags.name().orElseGet(() -> QualifiedName.nodeNameForHost(host.hostName()));
        NodeRecord record = NodeRecord.of(name, HostInfo.advertised(control, advertise), pubsub.map(e -> HostInfo.advertised(e, advertise)),
                stats.map(e -> HostInfo.advertised(e, advertise)), host.hostName(), flags.labels(),
                flags.capacity(), NodeRecord.KIND_CIRCUSD, flags.versionLabel().orElse(DEFAULT_VERSION));
        RegistrarOptions options = RegistrarOptions.of(record).withHealthEndpoint(HostInfo.local(control))
                .withHealthChecks(HEALTH_INTERVAL, RegistrarOptions.DEFAULT_HEALTH_TIMEOUT);
        if (flags.stateDir().isPresent()) {
            options = options.withStateDir(flags.stateDir().get());
        }
        String logsEndpoint = flags.logsEndpoint().orElseGet(() -> defaultLogsEndpoint(control));
        Optional<CircusdLogs.Settings> logs = logsEndpoint.equals("none") ? Optional.empty()
                : Optional.of(CircusdLogs.Settings.of(HostInfo.local(control), pubsub.map(HostInfo::local), logsEndpoint,
                        flags.circusIni()));
        return new RegistrationPlan(flags.zookeeperSettings(), options, logs, advertise);
    }

    /** A free port on the address circusd's control endpoint binds; every interface for a host name. */
    static String defaultLogsEndpoint(String control) {
        Endpoint e = Endpoint.parse(control);
        if (!e.isTcp()) {
            return "tcp://127.0.0.1:0";
        }
        return Endpoint.tcp(ADDRESS.matcher(e.host()).matches() ? e.host() : "0.0.0.0", 0).toString();
    }
}
