package org.circusmeta.registration.ini;

/**
 * A circus.ini that cannot be read or holds a bad value; the message names the file, section and key.
 *
 * <p>Immutable.
 */
public final class IniException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IniException(String message) {
        super(message);
    }

    public IniException(String message, Throwable cause) {
        super(message, cause);
    }
}
