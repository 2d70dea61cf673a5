package org.circusmeta.protocol.logs;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of a watcher's output as a follower receives it (docs/logs.md).
 *
 * <p>Immutable.
 *
 * @param node the node it came from, as the {@link LogsClient} was told; empty when it was told none
 * @param watcher the watcher, as the server names it
 * @param seq its number in the watcher's log: 1, 2, 3… for one {@code epoch}, with no gap
 * @param epoch which incarnation of the watcher's log the number counts in: a server that restarts,
 *     or a watcher removed and added again, starts a new epoch at 1
 * @param pid the process that wrote it; empty when the server cannot know (a line read from a file)
 * @param stream stdout or stderr
 * @param time Unix seconds when the server read it
 * @param line the text without its end-of-line; a line longer than 64 KiB is cut and ends with
 *     {@link LineSplitter#CUT_MARKER}
 */
public record LogLine(
        Optional<String> node, String watcher, long seq, String epoch, OptionalLong pid, LogStream stream, double time,
        String line) {
    public LogLine {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(line, "line");
    }
}
