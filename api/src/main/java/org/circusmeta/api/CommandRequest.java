package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/command}: a circus command, its properties, and the nodes (every node when absent). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandRequest(
        @NotBlank String command,
        ObjectNode properties,
        @Size(min = 1, message = "must name at least one node; leave it out to run on every node")
        List<@NotNull @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String> nodes) {}
