package org.circusmeta.manager.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The {@code auth:} block: bearer tokens for {@code /api}. With none, the API answers loopback clients
 * only (and the default configuration binds 127.0.0.1).
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class AuthFactory {
    @NotNull
    private List<@NotBlank String> tokens = new ArrayList<>();

    @JsonProperty
    public List<String> getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(List<String> tokens) {
        this.tokens = tokens;
    }

    public void register(Environment environment) {
        environment.servlets()
                .addFilter("api-access", new ApiAccessFilter(tokens, environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
    }
}
