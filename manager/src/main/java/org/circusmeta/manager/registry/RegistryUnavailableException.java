package org.circusmeta.manager.registry;

/** ZooKeeper could not take a write the call needed; retrying later may work. */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
