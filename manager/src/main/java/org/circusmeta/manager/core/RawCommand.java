package org.circusmeta.manager.core;

import java.util.List;
import java.util.Optional;
import org.circusmeta.protocol.Request;

/** One circus command, sent as it is to the nodes named, or to every node worth asking. */
public record RawCommand(Request request, Optional<List<String>> nodes) implements Change {

    public RawCommand {
        nodes = nodes.map(List::copyOf);
    }

    public static RawCommand onEveryNode(Request request) {
        return new RawCommand(request, Optional.empty());
    }

    @Override
    public String describe() {
        return "'" + request.command() + "' on " + nodes.map(n -> "node" + (n.size() == 1 ? " " : "s ") + String.join(", ", n))
                .orElse("every node");
    }

    @Override
    public Role needs() {
        return CommandRoles.of(request.commandKey());
    }
}
