package org.circusmeta.node.registry;

import java.time.Duration;
import java.util.Optional;
import org.circusmeta.node.commands.GlobalOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.HostInfo;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.registrar.Registrar;
import org.circusmeta.registration.registrar.RegistrarOptions;
import org.circusmeta.registration.registrar.RegistrarState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one node registered, with kind {@code circusmeta-node} and the endpoints it actually bound,
 * through the registration module's {@link Registrar}, which asks the node's own control endpoint
 * whether it answers.
 *
 * <p>Thread-safe. {@link #close()} removes the znode and may wait for ZooKeeper (up to 10 s): never call
 * it on the node's loop thread.
 */
public final class NodeRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistrar.class);
    /** The circus protocol the node speaks, reported as the record's version. */
    public static final String VERSION = "0.19.0";

    private final Registrar registrar;

    private NodeRegistrar(Registrar registrar) {
        this.registrar = registrar;
    }

    /** Starts registering a node whose endpoints are bound, without a logs endpoint; returns at once. */
    public static NodeRegistrar start(NodeRegistration how, GlobalOptions bound, SocketLoop loop) {
        return start(how, bound, Optional.empty(), loop);
    }

    /** Starts registering a node whose endpoints are bound; returns at once. */
    public static NodeRegistrar start(NodeRegistration how, GlobalOptions bound, Optional<String> logsEndpoint,
            SocketLoop loop) {
        HostInfo host = HostInfo.local();
        String advertise = how.advertiseHost().orElse(host.firstAddress());
        NodeRecord record = NodeRecord.of(how.name(), HostInfo.advertised(bound.endpoint(), advertise),
                Optional.of(HostInfo.advertised(bound.pubsubEndpoint(), advertise)),
                bound.statsEndpoint().map(s -> HostInfo.advertised(s, advertise)),
                host.hostName(), how.labels(), how.capacity(), NodeRecord.KIND_NODE, VERSION)
                .withLogsEndpoint(logsEndpoint.map(e -> HostInfo.advertised(e, advertise)));
        RegistrarOptions options = RegistrarOptions.of(record).withHealthEndpoint(HostInfo.local(bound.endpoint()));
        if (how.stateDir().isPresent()) {
            options = options.withStateDir(how.stateDir().get());
        }
        if (how.recordSessions().isPresent()) {
            options = options.withRecordSessions(how.recordSessions().get());
        }
        Registrar registrar = new Registrar(how.curator(), loop, options);
        registrar.start();
        LOG.info("registering node {} at {} ({})", how.name(), record.endpoint(), record.host());
        return new NodeRegistrar(registrar);
    }

    public RegistrarState state() {
        return registrar.state();
    }

    public String currentName() {
        return registrar.currentName();
    }

    public boolean awaitRegistered(Duration timeout) {
        return registrar.awaitRegistered(timeout);
    }

    @Override
    public void close() {
        registrar.close();
    }
}
