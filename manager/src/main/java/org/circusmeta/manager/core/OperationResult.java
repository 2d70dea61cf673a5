package org.circusmeta.manager.core;

/** What came of asking for a long-running operation: started (it goes on after this), or a {@link Failure}. */
public sealed interface OperationResult permits OperationResult.Started, Failure.UnknownNode, Failure.UnknownWatcher,
        Failure.InvalidRequest, Failure.Forbidden {

    /** Running; follow it, or wait for {@link Operation#finished()}. */
    record Started(Operation operation) implements OperationResult {}
}
