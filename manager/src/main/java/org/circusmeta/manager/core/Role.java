package org.circusmeta.manager.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a caller may do (README, "Token roles"): {@code read} the cluster, {@code operate} the watchers it
 * has (start, stop, restart, incr, decr, commands on them), or {@code admin}: everything, adding and
 * removing watchers and changing nodes included. Each role covers the ones before it.
 */
public enum Role {
    READ, OPERATE, ADMIN;

    /** True when this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that name, as config.yml writes it: {@code read}, {@code operate} or {@code admin}. */
    @JsonCreator
    public static Role named(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role '" + name + "'; use read, operate or admin");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
