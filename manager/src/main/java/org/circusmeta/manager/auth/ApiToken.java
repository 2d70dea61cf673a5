package org.circusmeta.manager.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.circusmeta.manager.core.Role;

/**
 * One entry of {@code auth.tokens}: {@code {name, token, role}}, or a bare string, which is an admin token
 * named by its place in the list ({@code token #1}). The name is what the audit writes; the token itself
 * is never written anywhere.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class ApiToken {
    private String name;

    @NotBlank
    private String token;

    @NotNull(message = "must be read, operate or admin")
    private Role role;

    public ApiToken() {}

    /** A bare string: an admin token. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ApiToken(String token) {
        this.token = token;
        this.role = Role.ADMIN;
    }

    public ApiToken(String name, String token, Role role) {
        this.name = name;
        this.token = token;
        this.role = role;
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public String getToken() {
        return token;
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }

    @JsonProperty
    public Role getRole() {
        return role;
    }

    @JsonProperty
    public void setRole(Role role) {
        this.role = role;
    }
}
