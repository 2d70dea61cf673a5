package org.circusmeta.manager.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.validation.ValidationMethod;
import jakarta.servlet.DispatcherType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.circusmeta.manager.tasks.TaskStatusFilter;

/**
 * The {@code auth:} block: bearer tokens for {@code /api} and the admin port's tasks, each with a role
 * (README, "Token roles"). With none, the API answers loopback clients only (and the default
 * configuration binds 127.0.0.1), and the tasks whoever reaches the admin port.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class AuthFactory {
    @Valid
    @NotNull
    private List<@NotNull @Valid ApiToken> tokens = new ArrayList<>();

    @JsonProperty
    public List<ApiToken> getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(List<ApiToken> tokens) {
        this.tokens = tokens;
    }

    @ValidationMethod(message = "auth.tokens: two entries have the same token or the same name; give each its own")
    public boolean isDistinct() {
        Set<String> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ApiToken token : tokens) {
            if (token == null || !seen.add(Objects.toString(token.getToken()))
                    || token.getName() != null && !names.add(token.getName())) {
                return token == null;
            }
        }
        return true;
    }

    /**
     * Puts the filters in front of {@code /api} and the admin port's tasks (before the tasks' own filter); the
     * health checks and metrics of the admin port stay open.
     */
    public void register(Environment environment) {
        Tokens known = new Tokens(tokens);
        Refusals refusals = new Refusals(environment.getObjectMapper());
        environment.servlets().addFilter("api-access", new ApiAccessFilter(known, refusals))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
        environment.admin().addFilter("admin-access", new AdminAccessFilter(known, refusals))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, TaskStatusFilter.TASKS);
    }
}
