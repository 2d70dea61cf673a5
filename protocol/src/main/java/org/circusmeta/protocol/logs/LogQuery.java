package org.circusmeta.protocol.logs;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a tail or a follow asks for: one watcher's lines, optionally of one process or one stream, and
 * how many of the kept lines to start with.
 *
 * <p>Immutable.
 *
 * @param watcher the watcher, as the server names it (case does not matter)
 * @param pid only the lines of this process
 * @param stream only stdout or only stderr
 * @param lines how many of the newest kept lines: the tail (0 for a follow that wants new lines only)
 */
public record LogQuery(String watcher, OptionalLong pid, Optional<LogStream> stream, int lines) {
    /** The most lines one request may ask for. */
    public static final int MAX_LINES = 1_000_000;

    /** @throws IllegalArgumentException for an empty watcher or a count outside 0 to {@value #MAX_LINES} */
    public LogQuery {
        if (watcher == null || watcher.isEmpty()) {
            throw new IllegalArgumentException("a log query needs a watcher name");
        }
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(stream, "stream");
        if (lines < 0 || lines > MAX_LINES) {
            throw new IllegalArgumentException("a log query asks for 0 to " + MAX_LINES + " lines, not " + lines);
        }
    }

    /** The last {@code lines} lines of every process and stream of the watcher. */
    public static LogQuery of(String watcher, int lines) {
        return new LogQuery(watcher, OptionalLong.empty(), Optional.empty(), lines);
    }

    public LogQuery withPid(long p) {
        return new LogQuery(watcher, OptionalLong.of(p), stream, lines);
    }

    public LogQuery withStream(LogStream s) {
        return new LogQuery(watcher, pid, Optional.of(s), lines);
    }

    /** True for a line this query selects. */
    boolean selects(OptionalLong linePid, LogStream lineStream) {
        return (pid.isEmpty() || (linePid.isPresent() && linePid.getAsLong() == pid.getAsLong()))
                && (stream.isEmpty() || stream.get() == lineStream);
    }
}
