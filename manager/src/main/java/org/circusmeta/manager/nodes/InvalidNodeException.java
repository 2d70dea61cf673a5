package org.circusmeta.manager.nodes;

/** The node is registered, but its record is invalid, so the manager cannot talk to it. */
public class InvalidNodeException extends RuntimeException {
    public InvalidNodeException(String node, String reason) {
        super("node '" + node + "' has an invalid registry record (" + reason + "); fix the record before attaching it");
    }
}
