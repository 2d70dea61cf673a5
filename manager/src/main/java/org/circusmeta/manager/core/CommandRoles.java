package org.circusmeta.manager.core;

import java.util.Set;

/**
 * The role a circus command needs: the commands that only read need {@code read}; those that act on the
 * processes of a watcher that exists, {@code operate}; every other one (add, rm, set, which can change a
 * watcher's command line, quit, and any command not known here) {@code admin}. Stateless.
 */
final class CommandRoles {
    private static final Set<String> READS = Set.of("list", "status", "stats", "numprocesses", "numwatchers", "dstats",
            "globaloptions", "options", "get", "listsockets");
    private static final Set<String> OPERATIONS = Set.of("start", "stop", "restart", "reload", "incr", "decr", "signal",
            "kill");

    private CommandRoles() {}

    static Role of(String commandKey) {
        return READS.contains(commandKey) ? Role.READ : OPERATIONS.contains(commandKey) ? Role.OPERATE : Role.ADMIN;
    }
}
