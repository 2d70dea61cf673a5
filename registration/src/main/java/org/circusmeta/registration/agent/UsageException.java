package org.circusmeta.registration.agent;

/**
 * The command line is wrong; the message says how, and the command exits with status 2 after the usage.
 *
 * <p>Immutable.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
