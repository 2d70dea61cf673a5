package org.circusmeta.node.registry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.registrar.RecordSessions;

/**
 * How a node registers itself in ZooKeeper (docs/registry.md): under which name, with which labels and
 * capacity, advertising which host for endpoints bound to every interface, remembering a rename in
 * which directory, and, with ZooKeeper ACLs on, holding its record in sessions of its own taken from
 * {@code recordSessions} (whose identity the client must authenticate as too, and which the caller
 * closes after the nodes). The Curator client is
 * the caller's: many nodes may share one; it is started before and closed after them.
 *
 * <p>Immutable.
 */
public record NodeRegistration(
        CuratorFramework curator, String name, Map<String, String> labels, double capacity,
        Optional<String> advertiseHost, Optional<Path> stateDir, Optional<RecordSessions> recordSessions) {

    /** @throws IllegalArgumentException for an invalid node name or a capacity that is not positive */
    public NodeRegistration {
        QualifiedName.requireNodeName(name);
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity must be a positive number, got " + capacity);
        }
        labels = Map.copyOf(labels);
    }

    /** ZooKeeper ACLs off. */
    public NodeRegistration(CuratorFramework curator, String name, Map<String, String> labels, double capacity,
            Optional<String> advertiseHost, Optional<Path> stateDir) {
        this(curator, name, labels, capacity, advertiseHost, stateDir, Optional.empty());
    }

    /** With ZooKeeper ACLs on: the record held in sessions of its own, taken from {@code sessions}. */
    public NodeRegistration withRecordSessions(RecordSessions sessions) {
        return new NodeRegistration(curator, name, labels, capacity, advertiseHost, stateDir, Optional.of(sessions));
    }

    public static NodeRegistration of(CuratorFramework curator, String name) {
        return new NodeRegistration(curator, name, Map.of(), 1.0, Optional.empty(), Optional.empty());
    }
}
