package org.circusmeta.manager.core;

import java.util.List;
import org.circusmeta.protocol.Reply;

/** What came of adding a watcher: added, or a {@link Failure}. */
public sealed interface AddResult permits AddResult.Added, Failure.UnknownNode, Failure.NoFit, Failure.NameTaken,
        Failure.Unanswered, Failure.Refused, Failure.Forbidden {

    /**
     * Where the watcher went, why that node, and the node's reply to {@code add}; for several copies,
     * each one that started (the first is {@code node}), and those that did not start, which the
     * leader places again.
     */
    record Added(String name, String node, String reason, Reply reply, List<PlacedCopy> copies, List<String> notStarted)
            implements AddResult {
        public Added {
            copies = List.copyOf(copies);
            notStarted = List.copyOf(notStarted);
        }

        public Added(String name, String node, String reason, Reply reply) {
            this(name, node, reason, reply, List.of(new PlacedCopy(node, reason)), List.of());
        }
    }

    /** One copy placed: its node and why there. */
    record PlacedCopy(String node, String reason) {}
}
