package org.circusmeta.manager.core;

import java.util.List;
import org.circusmeta.protocol.logs.LogLine;

/** What a tail of a watcher's output across the nodes came to. */
public sealed interface LogsResult permits LogsResult.Lines, LogsResult.NothingReadable, LogsResult.NoneAnswered,
        Failure.UnknownNode, Failure.UnknownWatcher {

    /**
     * The lines of every node that answered, oldest first, and what kept the others' from them (a node that
     * did not answer, an output that cannot be read, with its fix), in words.
     */
    record Lines(List<LogLine> lines, List<String> problems) implements LogsResult {
        public Lines {
            lines = List.copyOf(lines);
            problems = List.copyOf(problems);
        }
    }

    /** The nodes that have the watcher cannot read its output; the message says how to make them. */
    record NothingReadable(String message) implements LogsResult {}

    /** No node asked answered in time. */
    record NoneAnswered(String message) implements LogsResult {}
}
