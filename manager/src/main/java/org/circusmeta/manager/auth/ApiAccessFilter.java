package org.circusmeta.manager.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.circusmeta.manager.core.Role;
import org.circusmeta.manager.http.Peers;

/**
 * Guards {@code /api}: with tokens configured, every request needs one ({@code Authorization: Bearer
 * TOKEN}; 401 without), and the request goes on as its {@link Caller}, whose role the use cases check
 * (403 for a change it does not cover); without tokens, only loopback clients get in, with every role.
 * Thread-safe.
 */
final class ApiAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient Tokens tokens;
    private final transient Refusals refusals;

    ApiAccessFilter(Tokens tokens, Refusals refusals) {
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (tokens.isEmpty()) {
            if (!isLoopback(request.getRemoteAddr())) {
                refusals.refuse(response, 403, "this manager has no auth.tokens, so /api only answers clients on this"
                        + " host; configure auth.tokens to let other hosts in");
                return;
            }
            chain.doFilter(Refusals.as(request, new Caller(Peers.of(request), Role.ADMIN)), response);
            return;
        }
        Optional<Caller> caller = refusals.authenticate(tokens, request, response, "send one of the manager's auth.tokens"
                + " as 'Authorization: Bearer TOKEN'; every /api call needs a token of the read role at least");
        if (caller.isEmpty()) {
            return;
        }
        chain.doFilter(Refusals.as(request, caller.get()), response);
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
