package org.circusmeta.manager.command;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The commands a circusd 0.19 accepts, the only ones worth sending to nodes (docs/protocol.md). */
public final class CircusCommands {
    public static final Set<String> KNOWN = Set.copyOf(new TreeSet<>(Set.of("add", "decr", "dstats", "get",
            "globaloptions", "incr", "ipython", "kill", "list", "listen", "listsockets", "numprocesses", "numwatchers",
            "options", "quit", "reload", "reloadconfig", "restart", "rm", "set", "signal", "start", "stats", "status",
            "stop")));

    private CircusCommands() {}

    public static boolean isKnown(String command) {
        return command != null && KNOWN.contains(command.toLowerCase(Locale.ROOT));
    }

    public static String knownList() {
        return String.join(", ", new TreeSet<>(KNOWN));
    }
}
