package org.circusmeta.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/nodes/{node}/rename}: the node's new name. */
public record RenameRequest(@NotNull @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String name) {}
