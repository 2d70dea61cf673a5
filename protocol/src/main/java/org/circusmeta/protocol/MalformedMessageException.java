package org.circusmeta.protocol;

/**
 * A message read from a socket could not be understood (not JSON, wrong frame count, topic of the
 * wrong form). Receivers drop such a message and count it; it never reaches an unrelated caller.
 */
public final class MalformedMessageException extends CircusException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
