package org.circusmeta.manager.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/nodes/{node}/rename}. */
public record RenameRequest(@NotNull @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String name) {}
