package org.circusmeta.node.commands;

import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;

/**
 * A request circusd refuses with a known reason and errno (docs/protocol.md, "Error replies"). Thrown
 * while checking a request, turned into the error reply once, by {@link CommandTable}. Immutable.
 */
final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    private CommandError(Reply reply) {
        super(reply.reason().orElse(""), null, false, false);
        this.reply = reply;
    }

    static CommandError message(String reason) {
        return new CommandError(Reply.error(reason, Errno.MESSAGE_ERROR));
    }

    /** {@code program NAME not found}. */
    static CommandError unknownWatcher(String name) {
        return new CommandError(Reply.unknownWatcher(name));
    }

    Reply reply() {
        return reply;
    }
}
