package org.circusmeta.manager.core;

/**
 * Who asks for a change, through which door, and with which role: what {@link Changes} is told with every
 * change, so that a role is checked ({@link RoleCheck}) and the change written down ({@link AuditTrail}) in
 * one place, whichever door it came through.
 *
 * @param who as an operator reads it: a token's name, a client's address
 * @param role what the door found the caller may do
 */
public record Actor(Door door, String who, Role role) {

    /** The manager's front doors. */
    public enum Door {
        HTTP_API("the HTTP API"),
        CLUSTER_ENDPOINT("the cluster endpoint"),
        ADMIN_TASK("the admin port");

        private final String words;

        Door(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    public static Actor of(Door door, String who, Role role) {
        return new Actor(door, who, role);
    }

    /**
     * A caller that its door lets do everything: a door without tokens (the cluster endpoint, which speaks
     * circus's protocol; the HTTP API without {@code auth.tokens}; the admin port once it checked an admin
     * token, or without tokens).
     */
    public static Actor of(Door door, String who) {
        return new Actor(door, who, Role.ADMIN);
    }

    @Override
    public String toString() {
        return who + " through " + door;
    }
}
