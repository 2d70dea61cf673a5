package org.circusmeta.manager.core;

/**
 * Who asks for a change, and through which door: what {@link Changes} is told with every change,
 * so that a role can be checked and the change written down in one place, whichever door it came
 * through.
 *
 * @param who as an operator reads it: a token's name, {@code circusctl}, a task's name
 */
public record Actor(Door door, String who) {

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

    public static Actor of(Door door, String who) {
        return new Actor(door, who);
    }

    @Override
    public String toString() {
        return who + " through " + door;
    }
}
