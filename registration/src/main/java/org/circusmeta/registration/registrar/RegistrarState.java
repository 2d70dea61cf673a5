package org.circusmeta.registration.registrar;

import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link Registrar} is doing, in a form an operator can read ({@link #message()}) and a
 * program can test ({@link #kind()}).
 *
 * <p>Immutable.
 *
 * @param kind the situation
 * @param name the node name the registrar registers under now
 * @param message what is going on and, when something is wrong, what to do, in plain words
 * @param holder for {@link Kind#NAME_TAKEN}, the host named by the record of the session that holds the name
 * @param since when this situation began
 */
public record RegistrarState(Kind kind, String name, String message, Optional<String> holder, Instant since) {

    /** The situations a registrar can be in. */
    public enum Kind {
        /** Not started yet. */
        NEW,
        /** The daemon has not answered yet, or stopped answering for {@code unhealthyAfter}: not registered. */
        WAITING_FOR_DAEMON,
        /** The daemon answers; the znode is being created. */
        REGISTERING,
        /** The znode exists and holds this registrar's record. */
        REGISTERED,
        /** Another live session holds {@code /nodes/<name>}; this registrar waits for it to go and does not take it. */
        NAME_TAKEN,
        /**
         * With ZooKeeper ACLs on, the registry does not let this registrar's identity register (no manager
         * has created {@code /nodes} yet, or its ACL gives this identity no right to create under it); it
         * tries again at every answer of the daemon.
         */
        NOT_PERMITTED,
        /** No connection to ZooKeeper; the znode comes back by itself once the session does. */
        ZOOKEEPER_UNREACHABLE,
        /** Closed: the znode was removed. */
        CLOSED
    }

    public boolean isRegistered() {
        return kind == Kind.REGISTERED;
    }

    @Override
    public String toString() {
        return kind + " " + name + ": " + message;
    }
}
