package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/**
 * The body of {@code POST /api/watchers}: the watcher (circus's {@code add}: name, cmd, args,
 * options) and where it goes: pinned on {@code node}, or placed by the manager among the nodes whose
 * labels match every {@code constraints} entry. {@code args} is a string or a list of strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddWatcherRequest(
        @NotNull @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
        @NotBlank String cmd,
        JsonNode args,
        @PositiveOrZero Integer numprocesses,
        Map<String, @NotNull String> env,
        @JsonProperty("working_dir") String workingDir,
        ObjectNode options,
        @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
        Map<String, @NotNull String> constraints,
        Boolean start) {

    @AssertTrue(message = "args must be a string or a list of strings")
    @JsonIgnore
    public boolean isArgsAStringOrAList() {
        if (args == null || args.isNull() || args.isTextual()) {
            return true;
        }
        if (!args.isArray()) {
            return false;
        }
        for (JsonNode arg : args) {
            if (!arg.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
