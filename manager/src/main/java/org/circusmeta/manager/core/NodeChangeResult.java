package org.circusmeta.manager.core;

/** What came of a {@link NodeChange}: done, or a {@link Failure}. */
public sealed interface NodeChangeResult permits NodeChangeResult.Changed, Failure.UnknownNode, Failure.NameTaken,
        Failure.InvalidRecord, Failure.InvalidRequest, Failure.Forbidden {

    /** Done; the message says what follows. */
    record Changed(String node, String message) implements NodeChangeResult {}
}
