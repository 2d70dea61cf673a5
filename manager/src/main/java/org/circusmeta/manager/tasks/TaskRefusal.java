package org.circusmeta.manager.tasks;

/** A task's request that it refuses: answered with a 4xx {@code status} and the message, nothing logged. */
final class TaskRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    TaskRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
