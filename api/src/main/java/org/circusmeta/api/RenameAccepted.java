package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer (202) to {@code POST /api/nodes/{node}/rename}: the rename is requested; {@code message} says what follows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RenameAccepted(String node, String name, String message) {}
