package org.circusmeta.protocol.logs;

import java.util.Locale;
import java.util.Optional;

/**
 * Which output of a process a line came from, written {@code stdout} or {@code stderr} on the wire.
 *
 * <p>Immutable.
 */
public enum LogStream {
    STDOUT,
    STDERR;

    /** {@code stdout} or {@code stderr}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stream a wire name stands for; empty for anything else. */
    public static Optional<LogStream> parse(String wireName) {
        if ("stdout".equals(wireName)) {
            return Optional.of(STDOUT);
        }
        return "stderr".equals(wireName) ? Optional.of(STDERR) : Optional.empty();
    }
}
