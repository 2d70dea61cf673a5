package org.circusmeta.protocol.logs;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of output as a server captured it, before {@link LogsEndpoint#append} numbers it: what a
 * node's pipe reader or a file tailer hands the endpoint.
 *
 * <p>Immutable.
 *
 * @param pid the process that wrote it; empty when it is not known (a line read from a file)
 * @param stream stdout or stderr
 * @param time Unix seconds when it was read
 * @param text the line without its end-of-line, at most {@link LineSplitter#MAX_LINE_BYTES} bytes of
 *     UTF-8 followed by {@link LineSplitter#CUT_MARKER} when it was longer
 */
public record CapturedLine(OptionalLong pid, LogStream stream, double time, String text) {
    public CapturedLine {
        Objects.requireNonNull(pid, "pid (OptionalLong.empty() when unknown)");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }
}
