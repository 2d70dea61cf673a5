package org.circusmeta.manager.core;

import java.util.Optional;

/**
 * A change of one node's place in the cluster: its name, whether the manager talks to it, or whether it
 * takes new placements (cordoned or not).
 */
public record NodeChange(Kind kind, String node, Optional<String> newName) implements Change {

    /** What changes. */
    public enum Kind { RENAME, ATTACH, DETACH, CORDON, UNCORDON }

    public static NodeChange rename(String node, String newName) {
        return new NodeChange(Kind.RENAME, node, Optional.of(newName));
    }

    public static NodeChange attach(String node) {
        return new NodeChange(Kind.ATTACH, node, Optional.empty());
    }

    public static NodeChange detach(String node) {
        return new NodeChange(Kind.DETACH, node, Optional.empty());
    }

    /** No new placement on the node until it is uncordoned; what runs there stays. */
    public static NodeChange cordon(String node) {
        return new NodeChange(Kind.CORDON, node, Optional.empty());
    }

    public static NodeChange uncordon(String node) {
        return new NodeChange(Kind.UNCORDON, node, Optional.empty());
    }

    @Override
    public String describe() {
        return switch (kind) {
            case RENAME -> "rename node " + node + " to " + newName.orElseThrow();
            case ATTACH -> "attach node " + node;
            case DETACH -> "detach node " + node;
            case CORDON -> "cordon node " + node;
            case UNCORDON -> "uncordon node " + node;
        };
    }
}
