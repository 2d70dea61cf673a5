package org.circusmeta.manager.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.circusmeta.manager.http.HttpRefusals;

/** How the access filters answer a refusal, and hand the caller on. Thread-safe (stateless). */
final class Refusals {
    private final HttpRefusals answers;

    Refusals(ObjectMapper mapper) {
        this.answers = new HttpRefusals(mapper);
    }

    /** A {@code {"code", "message"}} answer; a 401 asks for a bearer token. */
    void refuse(HttpServletResponse response, int status, String message) throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"circusmeta\"");
        }
        answers.refuse(response, status, message);
    }

    /** The caller whose token the request carries; empty, once it is answered 401 with {@code message}, for none. */
    Optional<Caller> authenticate(Tokens tokens, HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        Optional<Caller> caller = tokens.match(request.getHeader("Authorization"));
        if (caller.isEmpty()) {
            refuse(response, 401, message);
        }
        return caller;
    }

    /** The request, its {@code getUserPrincipal()} the caller. */
    static HttpServletRequest as(HttpServletRequest request, Caller caller) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public String getAuthType() {
                return "Bearer";
            }
        };
    }
}
