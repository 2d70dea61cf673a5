package org.circusmeta.manager.core;

import java.util.Optional;
import org.circusmeta.manager.command.FanOutResult;

/** What came of a command on nodes: every targeted node's outcome, or a {@link Failure}. */
public sealed interface RunResult permits RunResult.Ran, Failure.UnknownNode, Failure.UnknownWatcher, Failure.InvalidRequest,
        Failure.Unanswered, Failure.Forbidden {

    /**
     * Each node's reply, or why it gave none; a node's error reply is a result like any other.
     *
     * @param pending what is left of the change, done later (a removal the leader finishes), in words
     */
    record Ran(FanOutResult result, Optional<String> pending) implements RunResult {
        public Ran(FanOutResult result) {
            this(result, Optional.empty());
        }
    }
}
