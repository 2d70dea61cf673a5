package org.circusmeta.client;

/**
 * The manager did not give what was asked: it refused ({@link ManagerRefused}, an HTTP error with its
 * message) or could not be reached or did not answer in time ({@link ManagerUnreachable}). The message
 * is written for an operator: what happened, and what to check.
 */
public abstract sealed class ManagerException extends RuntimeException permits ManagerRefused, ManagerUnreachable {
    private static final long serialVersionUID = 1L;

    ManagerException(String message) {
        super(message);
    }
}
