package org.circusmeta.manager.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.circusmeta.manager.core.Role;

/**
 * Guards the admin port's tasks when tokens are set: each needs an admin token (401 without one, 403
 * with a token of a lower role), and goes on as its {@link Caller}. Without tokens, the tasks answer
 * whoever reaches the port, which binds loopback by default. Thread-safe.
 */
final class AdminAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient Tokens tokens;
    private final transient Refusals refusals;

    AdminAccessFilter(Tokens tokens, Refusals refusals) {
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (tokens.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = refusals.authenticate(tokens, request, response, "the admin port's tasks need a token"
                + " of the admin role: send one of the manager's auth.tokens as 'Authorization: Bearer TOKEN'");
        if (caller.isEmpty()) {
            return;
        }
        if (!caller.get().role().covers(Role.ADMIN)) {
            refusals.refuse(response, 403, "the admin port's tasks need the admin role, and " + caller.get().name()
                    + " has the " + caller.get().role() + " role; use a token whose role is admin");
            return;
        }
        chain.doFilter(Refusals.as(request, caller.get()), response);
    }
}
