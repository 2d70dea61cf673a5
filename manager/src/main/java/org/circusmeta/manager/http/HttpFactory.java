package org.circusmeta.manager.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.validation.MinDataSize;
import jakarta.servlet.DispatcherType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;

/**
 * The {@code http:} block: what both ports take (README, "Limits"): bodies up to {@code maxRequestBody}, and
 * changes from pages of the manager's own origin or of {@code allowedOrigins} only.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class HttpFactory {
    @NotNull
    @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
    private DataSize maxRequestBody = DataSize.mebibytes(1);

    @NotNull
    private List<@NotBlank String> allowedOrigins = new ArrayList<>();

    @JsonProperty
    public DataSize getMaxRequestBody() {
        return maxRequestBody;
    }

    @JsonProperty
    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody;
    }

    @JsonProperty
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    @JsonProperty
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /** Puts the origin check, then the body limit, in front of everything on both ports; before the token checks. */
    public void register(Environment environment) {
        HttpRefusals answers = new HttpRefusals(environment.getObjectMapper());
        SameOriginFilter origin = new SameOriginFilter(new HashSet<>(allowedOrigins), answers);
        BodyLimitFilter body = new BodyLimitFilter(maxRequestBody.toBytes(), answers);
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        environment.servlets().addFilter("same-origin", origin).addMappingForUrlPatterns(requests, true, "/*");
        environment.servlets().addFilter("body-limit", body).addMappingForUrlPatterns(requests, true, "/*");
        environment.admin().addFilter("same-origin", origin).addMappingForUrlPatterns(requests, true, "/*");
        environment.admin().addFilter("body-limit", body).addMappingForUrlPatterns(requests, true, "/*");
    }
}
