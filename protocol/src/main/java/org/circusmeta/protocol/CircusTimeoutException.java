package org.circusmeta.protocol;

import java.time.Duration;

/** A call got no reply before its deadline. The command may or may not have run on the daemon. */
public final class CircusTimeoutException extends CircusException {
    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final Duration timeout;

    public CircusTimeoutException(String endpoint, String command, Duration timeout) {
        super("circusd at " + endpoint + " did not answer '" + command + "' within " + format(timeout)
                + "; check that the daemon is running and that this host can reach that address");
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    public String endpoint() {
        return endpoint;
    }

    public Duration timeout() {
        return timeout;
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
