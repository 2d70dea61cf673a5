package org.circusmeta.protocol;

/** The client or socket loop was closed before the call could complete. */
public final class CircusClosedException extends CircusException {
    private static final long serialVersionUID = 1L;

    public CircusClosedException(String message) {
        super(message);
    }
}
