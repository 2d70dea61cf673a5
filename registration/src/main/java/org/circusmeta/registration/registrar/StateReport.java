package org.circusmeta.registration.registrar;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.circusmeta.registration.registrar.RegistrarState.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registrar's {@link RegistrarState} as an operator reads it: {@link #of} turns what the registrar
 * knows (ZooKeeper connection, daemon health, who owns the znode) into a state; {@link #update}
 * publishes it (keeping {@code since} while the kind stays), logs each change of kind at a level that
 * fits it, and wakes {@link #awaitRegistered} waiters.
 *
 * <p>Thread-safe.
 */
final class StateReport {
    private static final Logger LOG = LoggerFactory.getLogger(StateReport.class);

    private final Object changed = new Object();
    private volatile RegistrarState current;

    StateReport(RegistrarState initial) {
        this.current = initial;
    }

    RegistrarState current() {
        return current;
    }

    void update(RegistrarState next) {
        RegistrarState before;
        synchronized (changed) {
            before = current;
            if (next.kind() == before.kind() && next.message().equals(before.message())) {
                return;
            }
            current = next.kind() == before.kind()
                    ? new RegistrarState(next.kind(), next.name(), next.message(), next.holder(), before.since()) : next;
            changed.notifyAll();
        }
        log(before, next);
    }

    /** Waits until the state is {@link Kind#REGISTERED}; false on timeout, interruption or close. */
    boolean awaitRegistered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!current.isRegistered()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || current.kind() == Kind.CLOSED) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    static RegistrarState of(String name, boolean connected, Instant unreachableSince, boolean healthy,
            Registration registration, String healthEndpoint, Duration unhealthyAfter) {
        Instant now = Instant.now();
        String path = registration == null ? "/nodes/" + name : registration.path();
        if (!connected) {
            String then = registration == null ? "registers at " + path + " once it answers"
                    : path + " comes back by itself once the session does";
            return new RegistrarState(Kind.ZOOKEEPER_UNREACHABLE, name, "no connection to ZooKeeper since "
                    + unreachableSince.truncatedTo(ChronoUnit.SECONDS) + "; " + then
                    + (healthy ? "" : " and circusd at " + healthEndpoint + " answers")
                    + ". Check that the ensemble is up and reachable from this host", Optional.empty(), now);
        }
        if (registration != null && registration.holder().isPresent()) {
            String holder = registration.holder().get();
            return new RegistrarState(Kind.NAME_TAKEN, name, "the name " + name + " is held by another live session"
                    + " (host " + holder + "); not taking " + path + ". Give this node another name, or stop the other"
                    + " registrar", Optional.of(holder), now);
        }
        if (!healthy) {
            return new RegistrarState(Kind.WAITING_FOR_DAEMON, name, "circusd at " + healthEndpoint + " has not"
                    + " answered 'globaloptions' (none within " + unhealthyAfter + "); not registered until it does."
                    + " Check that circusd runs and listens there", Optional.empty(), now);
        }
        if (registration != null && registration.refusal().isPresent()) {
            return new RegistrarState(Kind.NOT_PERMITTED, name, registration.refusal().get(), Optional.empty(), now);
        }
        if (registration != null && registration.isRegistered()) {
            String note = registration.owner() == Registration.Owner.OLD_SESSION
                    ? " (the znode of the expired session " + Sessions.hex(registration.ownerSession())
                            + " stays until ZooKeeper ends that session; then it is re-created)"
                    : "";
            return new RegistrarState(Kind.REGISTERED, name, "registered at " + path + note, Optional.empty(), now);
        }
        return new RegistrarState(Kind.REGISTERING, name, "circusd answers; creating " + path, Optional.empty(), now);
    }

    /** Logs a change of kind; the events behind the others (silence, a holder, a rename) are logged where they happen. */
    private static void log(RegistrarState before, RegistrarState after) {
        if (before.kind() == after.kind()) {
            return;
        }
        switch (after.kind()) {
            case REGISTERED -> LOG.info("node {}: {}", after.name(), after.message());
            case ZOOKEEPER_UNREACHABLE -> LOG.warn("node {}: {}", after.name(), after.message());
            default -> LOG.debug("node {}: {}", after.name(), after.message());
        }
    }
}
