package org.circusmeta.node.cli;

import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.cli.RegistrationFlags;
import org.circusmeta.registration.record.HostInfo;
import org.circusmeta.registration.registrar.RecordSessions;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * What {@code circusmeta-node} registers with: its ZooKeeper client and, with ZooKeeper ACLs on
 * ({@code --zookeeper-auth-file}), the record sessions of its identity. Closing ends the record
 * sessions, then the client: after the node.
 *
 * <p>Thread-safe. Lifecycle: {@link #start} connects in the background; {@link #close()} once.
 */
final class NodeZooKeeper implements AutoCloseable {
    private final CuratorFramework curator;
    private final Optional<RecordSessions> recordSessions;

    private NodeZooKeeper(CuratorFramework curator, Optional<RecordSessions> recordSessions) {
        this.curator = curator;
        this.recordSessions = recordSessions;
    }

    /** Starts connecting, the record session too (it is up by the time the node answers its health calls). */
    static NodeZooKeeper start(ZooKeeperSettings settings) {
        CuratorFramework curator = settings.newClient();
        curator.start();
        Optional<RecordSessions> recordSessions = settings.credentials().isPresent()
                ? Optional.of(new RecordSessions(settings)) : Optional.empty();
        recordSessions.ifPresent(RecordSessions::start);
        return new NodeZooKeeper(curator, recordSessions);
    }

    /** The node's registration as the flags describe it, its name defaulting to the host's. */
    NodeRegistration registration(RegistrationFlags flags) {
        String name = flags.name().orElseGet(() -> QualifiedName.nodeNameForHost(HostInfo.local().hostName()));
        NodeRegistration how = new NodeRegistration(curator, name, flags.labels(), flags.capacity(),
                flags.advertiseHost(), flags.stateDir());
        return recordSessions.map(how::withRecordSessions).orElse(how);
    }

    @Override
    public void close() {
        recordSessions.ifPresent(RecordSessions::close);
        curator.close();
    }
}
