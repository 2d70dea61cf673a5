package org.circusmeta.manager.nodes;

/** No node of that name is registered. */
public class UnknownNodeException extends RuntimeException {
    private final String node;

    public UnknownNodeException(String node) {
        super("no node named '" + node + "' is registered; GET /api/nodes lists the nodes");
        this.node = node;
    }

    public String node() {
        return node;
    }
}
