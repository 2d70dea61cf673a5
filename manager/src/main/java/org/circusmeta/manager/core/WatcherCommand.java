package org.circusmeta.manager.core;

import java.util.Optional;
import org.circusmeta.protocol.Request;

/**
 * One circus command on one watcher: on the node named, or on every node that has the watcher.
 *
 * @param request the command as the node gets it, its {@code name} the watcher's name on the node
 */
public record WatcherCommand(String watcher, Optional<String> node, Request request) implements Change {

    public WatcherCommand {
        request = request.with("name", watcher);
    }

    /** {@code rm} of the watcher, as {@code DELETE /api/watchers/NAME} asks it. */
    public static WatcherCommand remove(String watcher, Optional<String> node) {
        return new WatcherCommand(watcher, node, Request.of("rm"));
    }

    public boolean isRemoval() {
        return request.commandKey().equals("rm");
    }

    @Override
    public String describe() {
        return "'" + request.command() + "' on watcher " + watcher + node.map(n -> " on node " + n)
                .orElse(" on every node that has it");
    }

    /** {@code rm} and {@code set} need admin; start, stop, restart, incr, decr, signal operate; a read read. */
    @Override
    public Role needs() {
        return CommandRoles.of(request.commandKey());
    }
}
