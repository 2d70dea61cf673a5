package org.circusmeta.client;

import java.time.Duration;

/** No answer: the connection to the manager failed, or it did not answer within the read deadline. */
public final class ManagerUnreachable extends ManagerException {
    private static final long serialVersionUID = 1L;

    /** What scripts and people use when no manager is named. */
    public static final String DEFAULT_MANAGER = "http://127.0.0.1:8080";

    private ManagerUnreachable(String message) {
        super(message);
    }

    /** The connection failed: {@code why} is what the socket said. */
    static ManagerUnreachable connecting(String base, String why) {
        return new ManagerUnreachable("cannot reach the manager at " + base + " (" + why + ").\n"
                + "Check that it is running (scripts/circusmeta-manager, or scripts/demo) and that --manager or"
                + " CIRCUSMETA_MANAGER names its application port (http://HOST:PORT, default " + DEFAULT_MANAGER + ").");
    }

    /** A stream of progress ended before the operation did (the manager stopped, or the connection broke). */
    static ManagerUnreachable brokeOff(String base, String call, String operation) {
        return new ManagerUnreachable("the manager at " + base + " ended the progress of " + call
                + " before the operation ended" + operation + "; it goes on in the manager unless the manager stopped");
    }

    /** Connected, but no answer came within the read deadline. */
    static ManagerUnreachable silent(String base, String call, Duration deadline) {
        return new ManagerUnreachable("the manager at " + base + " took more than " + deadline.toSeconds()
                + " s to answer " + call + "; its log may say why");
    }
}
