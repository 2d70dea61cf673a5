package org.circusmeta.protocol;

/**
 * Base of the protocol module's unchecked exceptions. An error reply from a daemon is not an
 * exception: it is a {@link Reply} whose status is {@code error}. Exceptions mean that no reply could
 * be had at all (timeout, closed client, bind failure).
 */
public class CircusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CircusException(String message) {
        super(message);
    }

    public CircusException(String message, Throwable cause) {
        super(message, cause);
    }
}
