package org.circusmeta.registration.zookeeper;

/**
 * ZooKeeper could not be reached in time (connection loss, session expiry, a timeout): worth trying
 * again once the ensemble answers.
 *
 * <p>Immutable.
 */
public class RegistryUnavailableException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
