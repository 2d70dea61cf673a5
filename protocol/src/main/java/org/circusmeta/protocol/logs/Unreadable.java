package org.circusmeta.protocol.logs;

import java.util.List;
import java.util.Objects;

/**
 * One output of a watcher that the server cannot read, why, and how to make it readable: what a
 * server says instead of an empty success (docs/logs.md).
 *
 * <p>Immutable.
 *
 * @param stream the output concerned
 * @param reason in words an operator can act on, e.g. "circusd discards it: no stdout_stream is configured"
 * @param fix the circus.ini lines that make it readable, e.g. {@code stdout_stream.class = FileStream}
 *     and {@code stdout_stream.filename = /var/log/circus/web.stdout.log}
 */
public record Unreadable(LogStream stream, String reason, List<String> fix) {
    public Unreadable {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(reason, "reason");
        fix = List.copyOf(fix);
    }

    /** The reason followed by the fix, on one line. */
    public String describe() {
        return fix.isEmpty() ? reason : reason + "; to fix it, add to its [watcher:...] section: " + String.join(" / ", fix);
    }
}
