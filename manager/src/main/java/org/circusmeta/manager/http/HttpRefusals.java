package org.circusmeta.manager.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** How the filters of both ports (these, the token checks) answer a refusal: Dropwizard's {@code {"code", "message"}}. Thread-safe. */
public final class HttpRefusals {
    private final ObjectMapper mapper;

    public HttpRefusals(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        mapper.writeValue(response.getOutputStream(), new ErrorMessage(status, message));
    }
}
