package org.circusmeta.manager.core;

import org.circusmeta.protocol.Reply;

/** What came of adding a watcher: added, or a {@link Failure}. */
public sealed interface AddResult permits AddResult.Added, Failure.UnknownNode, Failure.NoFit, Failure.NameTaken,
        Failure.Unanswered, Failure.Refused {

    /** Where the watcher went, why that node, and the node's reply to {@code add}. */
    record Added(String name, String node, String reason, Reply reply) implements AddResult {}
}
