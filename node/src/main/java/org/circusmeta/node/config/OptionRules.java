package org.circusmeta.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.circusmeta.node.process.Signals;

/**
 * The options {@code add} and {@code set} accept, checked with circusd 0.19's exact messages (docs/protocol.md,
 * "Options of add and set"), and how each one changes a watcher: what {@code set} applies and what follow-up it
 * needs (spawn or kill to reach the target, or a graceful reload).
 *
 * <p>Thread-safe (stateless).
 */
public final class OptionRules {
    /** What a watcher must do after {@code set} changed an option. */
    public enum FollowUp { MANAGE, RELOAD }

    /** The changed watcher and what it must do next. */
    public record Applied(WatcherSpec spec, FollowUp followUp) {}

    public static final Set<String> HOOKS = Set.of("before_start", "after_start", "before_stop", "after_stop",
            "before_spawn", "after_spawn", "before_signal", "after_signal", "before_reap", "after_reap",
            "extended_stats");

    private static final Set<String> KEYS = Set.of("numprocesses", "warmup_delay", "working_dir", "uid", "gid",
            "send_hup", "stop_signal", "stop_children", "shell", "env", "cmd", "args", "copy_env", "retry_in",
            "max_retry", "graceful_timeout", "stdout_stream", "stderr_stream", "max_age", "max_age_variance", "respawn",
            "singleton", "hooks", "close_child_stdin", "close_child_stdout", "close_child_stderr");
    private static final Set<String> INTEGERS = Set.of("numprocesses", "max_retry", "max_age", "max_age_variance",
            "stop_signal");
    private static final Set<String> NUMBERS = Set.of("warmup_delay", "retry_in", "graceful_timeout");
    private static final Set<String> BOOLEANS = Set.of("send_hup", "stop_children", "shell", "copy_env", "respawn",
            "singleton", "close_child_stdin", "close_child_stdout", "close_child_stderr");
    /** Accepted by set but, as in circusd 0.19, not applied. */
    private static final Set<String> NOT_APPLIED = Set.of("respawn", "copy_env", "max_retry", "retry_in", "singleton",
            "close_child_stdin", "close_child_stdout", "close_child_stderr");
    private static final Set<String> RELOADING = Set.of("working_dir", "uid", "gid", "shell", "env", "cmd", "args",
            "max_age", "max_age_variance");

    private OptionRules() {}

    /** The error reason circusd gives for this key and value, or empty when it is acceptable. */
    public static Optional<String> check(String key, JsonNode value) {
        if (!KEYS.contains(key) && !key.startsWith("stdout_stream.") && !key.startsWith("stderr_stream.")
                && !key.startsWith("hooks.") && !key.startsWith("rlimit_")) {
            return Optional.of("unknown key '" + key + "'");
        }
        if (INTEGERS.contains(key) && !isInteger(value)) {
            return Optional.of("'" + key + "' isn't an integer");
        }
        if (NUMBERS.contains(key) && !(value.isNumber() || value.isBoolean())) {
            return Optional.of("'" + key + "' isn't a number");
        }
        if ((key.equals("uid") || key.equals("gid")) && !(isInteger(value) || value.isTextual())) {
            return Optional.of("'" + key + "' isn't an integer or string");
        }
        if (BOOLEANS.contains(key) && !value.isBoolean()) {
            return Optional.of("'" + key + "' isn't a valid boolean");
        }
        if (key.equals("env")) {
            return checkEnv(value);
        }
        if (key.equals("stdout_stream") || key.equals("stderr_stream")) {
            if (!value.isObject()) {
                return Optional.of("'" + key + "' isn't a valid object");
            }
            return value.has("class") ? Optional.empty() : Optional.of("'" + key + "' must have a 'class' key");
        }
        if (key.equals("hooks")) {
            return checkHooks(value);
        }
        return Optional.empty();
    }

    private static Optional<String> checkEnv(JsonNode value) {
        if (!value.isObject()) {
            return Optional.of("'env' isn't a valid object");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                return Optional.of("'" + e.getKey() + "' isn't a string");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkHooks(JsonNode value) {
        if (!value.isObject()) {
            return Optional.of("'hooks' isn't a valid hook dict");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!HOOKS.contains(e.getKey())) {
                return Optional.of("Unknown hook '" + e.getKey() + "'");
            }
        }
        return Optional.empty();
    }

    /** Python counts a boolean as an integer, and so does circusd's check. */
    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber() || value.isBoolean();
    }

    /**
     * Applies one checked option as {@code set} does.
     *
     * @throws IllegalArgumentException for a value circusd also refuses while applying (a singleton
     *     asked for more than one process)
     */
    public static Applied set(WatcherSpec spec, String key, JsonNode value) {
        if (NOT_APPLIED.contains(key) || key.startsWith("rlimit_")) {
            return new Applied(spec, FollowUp.MANAGE);
        }
        FollowUp followUp = RELOADING.contains(key) ? FollowUp.RELOAD : FollowUp.MANAGE;
        if (key.startsWith("stdout_stream") || key.startsWith("stderr_stream")) {
            return new Applied(stream(spec, key, value), FollowUp.RELOAD);
        }
        return new Applied(put(spec, key, value, true), followUp);
    }

    /** Applies one checked option as {@code add} does when it creates a watcher: every key takes effect. */
    public static WatcherSpec construct(WatcherSpec spec, String key, JsonNode value) {
        if (key.startsWith("stdout_stream") || key.startsWith("stderr_stream")) {
            return stream(spec, key, value);
        }
        if (key.startsWith("rlimit_")) {
            return spec.withRlimit(key.substring("rlimit_".length()), value.asLong());
        }
        return put(spec, key, value, false);
    }

    private static WatcherSpec put(WatcherSpec spec, String key, JsonNode value, boolean viaSet) {
        switch (key) {
            case "numprocesses" -> {
                int n = Math.max(0, value.asInt());
                if (spec.singleton() && n > 1) {
                    throw new IllegalArgumentException("Singleton watcher has a single process");
                }
                return spec.with(key, IntNode.valueOf(n));
            }
            case "warmup_delay" -> {
                return spec.with(key, viaSet ? DoubleNode.valueOf(value.asDouble()) : value);
            }
            case "graceful_timeout" -> {
                return spec.with(key, DoubleNode.valueOf(value.asDouble()));
            }
            case "stop_signal" -> {
                return spec.with(key, IntNode.valueOf(Signals.parse(value)));
            }
            case "max_age", "max_age_variance", "max_retry" -> {
                return spec.with(key, IntNode.valueOf(value.asInt()));
            }
            case "hooks" -> {
                WatcherSpec out = spec;
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    out = out.withHook(e.getKey(), e.getValue());
                }
                return out;
            }
            default -> {
                if (key.startsWith("hooks.")) {
                    return spec.withHook(key.substring("hooks.".length()), value);
                }
                return spec.with(key, value);
            }
        }
    }

    private static WatcherSpec stream(WatcherSpec spec, String key, JsonNode value) {
        String which = key.startsWith("stdout") ? "stdout_stream" : "stderr_stream";
        if (key.equals(which)) {
            return spec.with(which + "_conf", value.deepCopy());
        }
        ObjectNode conf = which.equals("stdout_stream") ? spec.stdoutStream() : spec.stderrStream();
        conf.set(key.substring(which.length() + 1), value.isTextual() ? TextNode.valueOf(value.textValue()) : value);
        return spec.with(which + "_conf", conf);
    }
}
