package org.circusmeta.manager.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
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

    /** The client's address, as the audit names a caller without a token: {@code 127.0.0.1:53412}. */
    static String peer(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return (address != null && address.contains(":") ? "[" + address + "]" : address) + ":" + request.getRemotePort();
    }
}
