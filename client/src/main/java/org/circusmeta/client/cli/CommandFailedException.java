package org.circusmeta.client.cli;

/**
 * The manager could not be reached, refused the request, or a node failed: the message (already in
 * plain words) goes to stderr and the CLI exits with {@link #status()}.
 */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    CommandFailedException(String message) {
        this(message, Exits.FAILED);
    }

    CommandFailedException(String message, int status) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
