package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code POST /api/nodes/{node}/drain}, which may have none: how many watchers move at
 * once ({@code max_parallel}, also read as {@code maxParallel}; default 1), and how long the drain may
 * take ({@code deadline}, as {@code 90s} or {@code 10m}; default {@code 10m}), after which what is left
 * stays where it is and is reported.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrainRequest(
        @JsonAlias("maxParallel") @Min(value = 1, message = "must be at least 1") Integer maxParallel,
        String deadline) {}
