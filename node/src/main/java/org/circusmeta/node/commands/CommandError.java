package org.circusmeta.node.commands;

import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;

/**
 * A request circusd refuses with a known reason and errno (protocol README §2.4). Thrown while checking
 * a request, turned into the error reply once, by {@link CommandTable}. Immutable.
 */
final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    CommandError(Errno errno, String reason) {
        super(reason, null, false, false);
        this.errno = errno;
    }

    static CommandError message(String reason) {
        return new CommandError(Errno.MESSAGE_ERROR, reason);
    }

    Reply reply() {
        return Reply.error(getMessage(), errno);
    }
}
