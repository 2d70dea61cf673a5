package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An error answer, {@code {"code": N, "message": "..."}}: the message says what was wrong and what to do. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(int code, String message) {}
