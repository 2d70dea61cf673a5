package org.circusmeta.registration.zookeeper;

import org.apache.zookeeper.KeeperException;

/**
 * Something went wrong with the registry in ZooKeeper; the message says what was being done, on
 * which znode, and what to do. Curator's and ZooKeeper's checked exceptions become this (or a
 * subclass) once, where our code calls them, through {@link #translate}; the cause is kept.
 *
 * <p>Immutable.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The unchecked form of a failure of {@code action} (for instance {@code "reading /nodes/web-01"}).
     * Connection loss, session expiry and timeouts become {@link RegistryUnavailableException}; an
     * interruption restores the thread's interrupt flag. A {@code RegistryException} is returned as
     * it is.
     */
    public static RegistryException translate(String action, Throwable e) {
        if (e instanceof RegistryException already) {
            return already;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RegistryException("interrupted while " + action, e);
        }
        if (e instanceof KeeperException ke) {
            return switch (ke.code()) {
                case CONNECTIONLOSS, SESSIONEXPIRED, OPERATIONTIMEOUT, SESSIONMOVED, NOTREADONLY ->
                        new RegistryUnavailableException("ZooKeeper did not answer while " + action + " (" + ke.code()
                                + "); check that the ensemble is up and reachable", e);
                case NOAUTH, AUTHFAILED -> new RegistryException("ZooKeeper refused access while " + action
                        + " (" + ke.code() + "); check the ACLs of the namespace", e);
                default -> new RegistryException("ZooKeeper said " + ke.code() + " while " + action, e);
            };
        }
        return new RegistryException(action + " failed: " + e, e);
    }
}
