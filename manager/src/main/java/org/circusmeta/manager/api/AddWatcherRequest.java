package org.circusmeta.manager.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.circusmeta.protocol.CircusJson;

/** The body of {@code POST /api/watchers} (SPEC §4.1). */
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

    /** The properties of circus's {@code add}: name, cmd, args, options (with numprocesses, env, working_dir), start. */
    public ObjectNode toAddProperties() {
        ObjectNode properties = CircusJson.object();
        properties.put("name", name);
        properties.put("cmd", cmd);
        if (args != null && !args.isNull()) {
            properties.set("args", args);
        }
        ObjectNode opts = options == null ? CircusJson.object() : options.deepCopy();
        if (numprocesses != null) {
            opts.put("numprocesses", numprocesses);
        }
        if (env != null) {
            opts.set("env", CircusJson.mapper().valueToTree(env));
        }
        if (workingDir != null) {
            opts.put("working_dir", workingDir);
        }
        properties.set("options", opts);
        properties.put("start", start == null || start);
        return properties;
    }
}
