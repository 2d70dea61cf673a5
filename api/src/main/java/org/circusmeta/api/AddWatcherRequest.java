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
 * labels match every {@code constraints} entry, as {@code instances} copies on distinct nodes (a
 * count, or {@code "all"} for one on every fitting node; {@link InstancesValue}) spread over the
 * values of the label {@code spread}. {@code args} is a string or a list of strings.
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
        Boolean start,
        JsonNode instances,
        @Pattern(regexp = "\\S.*", message = "must be a label key") String spread) {

    /** A watcher of one copy (or pinned on {@code node}). */
    public AddWatcherRequest(String name, String cmd, JsonNode args, Integer numprocesses, Map<String, String> env,
            String workingDir, ObjectNode options, String node, Map<String, String> constraints, Boolean start) {
        this(name, cmd, args, numprocesses, env, workingDir, options, node, constraints, start, null, null);
    }

    @AssertTrue(message = "instances " + InstancesValue.MESSAGE)
    @JsonIgnore
    public boolean isInstancesACountOrAll() {
        return InstancesValue.isValid(instances);
    }

    @AssertTrue(message = "node: a watcher pinned on a node has one copy there; leave out instances and spread, or node")
    @JsonIgnore
    public boolean isPinnedWithoutCopies() {
        return node == null || (instances == null || instances.isNull() || instances.equals(InstancesValue.of(1)))
                && spread == null;
    }

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
