package org.circusmeta.manager.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a request that changes something (any method but GET, HEAD and OPTIONS) sent by a page of another
 * site: one whose {@code Origin} is neither the manager's own (the scheme and {@code Host} the request came
 * to) nor one of {@code http.allowedOrigins}. A browser sends {@code Origin} with every such request, so a page
 * elsewhere cannot start a program through the manager; clients that are not browsers (the CLI, curl) send
 * none and are let through, to the token check. Thread-safe.
 */
final class SameOriginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> allowed;
    private final transient HttpRefusals answers;

    SameOriginFilter(Set<String> allowed, HttpRefusals answers) {
        this.allowed = Set.copyOf(allowed.stream().map(SameOriginFilter::normal).toList());
        this.answers = answers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || SAFE.contains(request.getMethod()) || isOwn(request, normal(origin))) {
            chain.doFilter(request, response);
            return;
        }
        answers.refuse(response, 403, request.getMethod() + " " + request.getRequestURI() + " came from a page of "
                + origin + ", not of this manager (" + own(request) + "), so it is refused: a page elsewhere may not"
                + " change the cluster. Use the manager's own dashboard, a client that is not a browser, or list that"
                + " origin in http.allowedOrigins (e.g. the address of a reverse proxy in front of the manager)");
    }

    private boolean isOwn(HttpServletRequest request, String origin) {
        return origin.equals(own(request)) || allowed.contains(origin);
    }

    /** scheme://host[:port], as the request came, the way a browser writes its origin. */
    private static String own(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return normal(request.getScheme() + "://" + (host == null ? request.getServerName() + ":"
                + request.getServerPort() : host));
    }

    private static String normal(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        lower = lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
        if (lower.startsWith("http://") && lower.endsWith(":80")) {
            return lower.substring(0, lower.length() - 3);
        }
        return lower.startsWith("https://") && lower.endsWith(":443") ? lower.substring(0, lower.length() - 4) : lower;
    }
}
