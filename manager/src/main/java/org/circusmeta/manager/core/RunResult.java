package org.circusmeta.manager.core;

import org.circusmeta.manager.command.FanOutResult;

/** What came of a command on nodes: every targeted node's outcome, or a {@link Failure}. */
public sealed interface RunResult permits RunResult.Ran, Failure.UnknownNode, Failure.UnknownWatcher, Failure.InvalidRequest,
        Failure.Unanswered {

    /** Each node's reply, or why it gave none; a node's error reply is a result like any other. */
    record Ran(FanOutResult result) implements RunResult {}
}
