package org.circusmeta.manager.auth;

import java.security.Principal;
import org.circusmeta.manager.core.Role;

/**
 * Who sent a request, as the access filters found it: a token's name and role, or, where no tokens are
 * set, the client's address with every role. What {@code getUserPrincipal()} answers behind the filters.
 */
public record Caller(String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
