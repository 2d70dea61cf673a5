package org.circusmeta.node.process;

/** A process could not be started; the message says which command and why. Immutable. */
public final class SpawnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpawnException(String message) {
        super(message);
    }

    public SpawnException(String message, Throwable cause) {
        super(message, cause);
    }
}
