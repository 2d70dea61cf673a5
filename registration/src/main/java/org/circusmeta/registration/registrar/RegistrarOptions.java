package org.circusmeta.registration.registrar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.record.NodeRecord;

/**
 * What a {@link Registrar} registers and how it watches its daemon. Start from {@link #of(NodeRecord)}
 * and change what differs with the {@code with…} methods.
 *
 * <p>Immutable.
 *
 * @param name the configured node name (docs/registry.md, "Names"); a name remembered in {@code
 *     stateDir} after a rename takes its place
 * @param record the template written to {@code /nodes/<name>}: its name is replaced by the current
 *     name and {@code registered_at} set at each registration
 * @param healthEndpoint the daemon's control endpoint as seen from this host (for a daemon bound to
 *     {@code 0.0.0.0}, loopback), asked {@code globaloptions} to tell whether it answers
 * @param unhealthyAfter how long the daemon may go without answering before the znode is deleted
 *     (3 s by default)
 * @param healthInterval pause between two health calls
 * @param healthTimeout deadline of one health call
 * @param stateDir where the name is remembered across restarts after a rename; empty: nowhere
 * @param recordSessions with ZooKeeper ACLs on: where the sessions that hold the record come from, one
 *     at a time, authenticated as their settings' identity, which the record's ACL lets write it (no
 *     registrar may delete under {@code /nodes}, so ending such a session is how the record is removed).
 *     The registrar's own client must authenticate as the same identity. Empty: ACLs off, the record
 *     is held by the registrar's client and deleted when it goes
 */
public record RegistrarOptions(
        String name,
        NodeRecord record,
        String healthEndpoint,
        Duration unhealthyAfter,
        Duration healthInterval,
        Duration healthTimeout,
        Optional<Path> stateDir,
        Optional<RecordSessions> recordSessions) {

    public static final Duration DEFAULT_UNHEALTHY_AFTER = Duration.ofSeconds(3);
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException for an invalid name or endpoint, or a duration that is not positive
     */
    public RegistrarOptions {
        QualifiedName.requireNodeName(name);
        Objects.requireNonNull(record, "record");
        Endpoint.parse(healthEndpoint);
        requirePositive("unhealthyAfter", unhealthyAfter);
        requirePositive("healthInterval", healthInterval);
        requirePositive("healthTimeout", healthTimeout);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(recordSessions, "recordSessions");
    }

    /**
     * The record's name, its endpoint for health calls, unhealthy after 3 s, a health call every
     * 500 ms with a 1 s deadline, no state dir.
     */
    public static RegistrarOptions of(NodeRecord record) {
        return new RegistrarOptions(record.name(), record, record.endpoint(), DEFAULT_UNHEALTHY_AFTER,
                DEFAULT_HEALTH_INTERVAL, DEFAULT_HEALTH_TIMEOUT, Optional.empty(), Optional.empty());
    }

    public RegistrarOptions withName(String newName) {
        return new RegistrarOptions(newName, record, healthEndpoint, unhealthyAfter, healthInterval, healthTimeout,
                stateDir, recordSessions);
    }

    /** The same options for another record template (a logs endpoint added once bound). */
    public RegistrarOptions withRecord(NodeRecord newRecord) {
        return new RegistrarOptions(name, newRecord, healthEndpoint, unhealthyAfter, healthInterval, healthTimeout, stateDir,
                recordSessions);
    }

    public RegistrarOptions withHealthEndpoint(String endpoint) {
        return new RegistrarOptions(name, record, endpoint, unhealthyAfter, healthInterval, healthTimeout, stateDir,
                recordSessions);
    }

    public RegistrarOptions withUnhealthyAfter(Duration after) {
        return new RegistrarOptions(name, record, healthEndpoint, after, healthInterval, healthTimeout, stateDir,
                recordSessions);
    }

    /** The interval and deadline of the health calls. */
    public RegistrarOptions withHealthChecks(Duration interval, Duration timeout) {
        return new RegistrarOptions(name, record, healthEndpoint, unhealthyAfter, interval, timeout, stateDir,
                recordSessions);
    }

    public RegistrarOptions withStateDir(Path dir) {
        return new RegistrarOptions(name, record, healthEndpoint, unhealthyAfter, healthInterval, healthTimeout,
                Optional.of(dir), recordSessions);
    }

    /** With ZooKeeper ACLs on: the record held in sessions of its own, taken from {@code sessions}. */
    public RegistrarOptions withRecordSessions(RecordSessions sessions) {
        return new RegistrarOptions(name, record, healthEndpoint, unhealthyAfter, healthInterval, healthTimeout, stateDir,
                Optional.of(sessions));
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
    }
}
