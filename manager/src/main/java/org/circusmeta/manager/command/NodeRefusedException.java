package org.circusmeta.manager.command;

import org.circusmeta.protocol.Reply;

/** The one node a call addressed answered with a circus error reply. */
public class NodeRefusedException extends RuntimeException {
    private final String node;
    private final Reply reply;

    public NodeRefusedException(String node, String command, Reply reply) {
        super("node " + node + " refused '" + command + "': " + reply.reason().orElse("no reason given")
                + reply.errno().stream().mapToObj(e -> " (errno " + e + ")").findFirst().orElse(""));
        this.node = node;
        this.reply = reply;
    }

    public String node() {
        return node;
    }

    public Reply reply() {
        return reply;
    }
}
