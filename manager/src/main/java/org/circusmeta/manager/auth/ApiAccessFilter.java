package org.circusmeta.manager.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Guards {@code /api}: with tokens configured, every request needs {@code Authorization: Bearer TOKEN};
 * without, only loopback clients get in. Tokens are compared in constant time. Thread-safe.
 */
final class ApiAccessFilter extends HttpFilter {
    private static final String BEARER = "Bearer ";

    private final List<byte[]> tokens;
    private final ObjectMapper mapper;

    ApiAccessFilter(List<String> tokens, ObjectMapper mapper) {
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.mapper = mapper;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (tokens.isEmpty()) {
            if (!isLoopback(request.getRemoteAddr())) {
                refuse(response, 403, "this manager has no auth.tokens, so /api only answers clients on this host;"
                        + " configure auth.tokens to let other hosts in");
                return;
            }
        } else if (!hasValidToken(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"circusmeta\"");
            refuse(response, 401, "send one of the manager's auth.tokens as 'Authorization: Bearer TOKEN'");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean hasValidToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] offered = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(token, offered);
        }
        return match;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        mapper.writeValue(response.getOutputStream(), new ErrorMessage(status, message));
    }
}
