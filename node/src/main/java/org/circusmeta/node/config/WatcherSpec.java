package org.circusmeta.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.protocol.CircusJson;

/**
 * One watcher's configuration. Its options are kept as circusd reports them in {@code options} and
 * {@code get}: JSON values of circus's types under circus's names ({@code stop_signal} an integer,
 * {@code graceful_timeout} a float, {@code args} a string or a list as configured, free-form ini keys
 * as written). {@code autostart}, {@code hooks} and {@code rlimit_*} are kept aside, as circusd does not
 * report them.
 *
 * <p>Immutable: every {@code with…} returns a copy.
 */
public final class WatcherSpec {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String name;
    private final ObjectNode options;
    private final boolean autostart;
    private final ObjectNode hooks;
    private final Map<String, Long> rlimits;

    private WatcherSpec(String name, ObjectNode options, boolean autostart, ObjectNode hooks, Map<String, Long> rlimits) {
        this.name = name;
        this.options = options;
        this.autostart = autostart;
        this.hooks = hooks;
        this.rlimits = Map.copyOf(rlimits);
    }

    /** A watcher with circusd's defaults: the starting point of the ini reader and of {@code add}. */
    public static WatcherSpec defaults(String name, String cmd, JsonNode args, String workingDir) {
        ObjectNode o = CircusJson.object();
        o.set("args", args == null ? NullNode.instance : args);
        o.put("close_child_stderr", false);
        o.put("close_child_stdin", true);
        o.put("close_child_stdout", false);
        o.put("cmd", cmd);
        o.put("copy_env", false);
        o.putObject("env");
        o.putNull("executable");
        o.putNull("gid");
        o.put("graceful_timeout", 30.0);
        o.put("max_age", 0);
        o.put("max_age_variance", 30);
        o.put("max_retry", 5);
        o.put("numprocesses", 1);
        o.put("on_demand", false);
        o.put("priority", 0);
        o.put("respawn", true);
        o.put("send_hup", false);
        o.put("shell", false);
        o.putNull("shell_args");
        o.put("singleton", false);
        o.putObject("stderr_stream_conf");
        o.putObject("stdout_stream_conf");
        o.put("stop_children", false);
        o.put("stop_signal", 15);
        o.putNull("uid");
        o.put("use_sockets", false);
        o.put("warmup_delay", 0);
        o.put("working_dir", workingDir);
        return new WatcherSpec(name, o, true, CircusJson.object(), Map.of());
    }

    public String name() {
        return name;
    }

    /** Every reported option, keys sorted, as {@code options} returns them. */
    public ObjectNode options() {
        ObjectNode sorted = CircusJson.object();
        new TreeMap<String, JsonNode>(toMap(options)).forEach((k, v) -> sorted.set(k, reported(k, v)));
        return sorted;
    }

    /** One option as {@code get} and {@code options} report it. */
    public Optional<JsonNode> option(String key) {
        return Optional.ofNullable(options.get(key)).map(v -> reported(key, v));
    }

    /**
     * circusd builds a watcher's streams from its {@code *_stream_conf}, popping {@code class} out of
     * it as it does: what it reports is the rest ({@code filename}, {@code max_bytes}, ...).
     */
    private static JsonNode reported(String key, JsonNode value) {
        JsonNode copy = value.deepCopy();
        if ((key.equals("stdout_stream_conf") || key.equals("stderr_stream_conf")) && copy instanceof ObjectNode conf) {
            conf.remove("class");
        }
        return copy;
    }

    public WatcherSpec with(String key, JsonNode value) {
        ObjectNode copy = options.deepCopy();
        copy.set(key, value);
        return new WatcherSpec(name, copy, autostart, hooks, rlimits);
    }

    public WatcherSpec withNumprocesses(int n) {
        return with("numprocesses", JSON.numberNode(Math.max(0, n)));
    }

    public WatcherSpec withAutostart(boolean value) {
        return new WatcherSpec(name, options, value, hooks, rlimits);
    }

    public WatcherSpec withHook(String hook, JsonNode target) {
        ObjectNode copy = hooks.deepCopy();
        copy.set(hook, target);
        return new WatcherSpec(name, options, autostart, copy, rlimits);
    }

    public WatcherSpec withRlimit(String limit, long value) {
        Map<String, Long> copy = new LinkedHashMap<>(rlimits);
        copy.put(limit, value);
        return new WatcherSpec(name, options, autostart, hooks, copy);
    }

    public boolean autostart() {
        return autostart;
    }

    public ObjectNode hooks() {
        return hooks.deepCopy();
    }

    public Map<String, Long> rlimits() {
        return rlimits;
    }

    public String cmd() {
        return options.path("cmd").asText();
    }

    /** A string (split like a shell would), a list of words, or null. */
    public JsonNode args() {
        return options.path("args");
    }

    public int numprocesses() {
        return options.path("numprocesses").asInt(1);
    }

    public String workingDir() {
        return options.path("working_dir").asText(System.getProperty("user.dir"));
    }

    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        options.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    public boolean copyEnv() {
        return flag("copy_env");
    }

    public boolean respawn() {
        return flag("respawn");
    }

    public boolean shell() {
        return flag("shell");
    }

    public boolean singleton() {
        return flag("singleton");
    }

    public boolean sendHup() {
        return flag("send_hup");
    }

    public boolean stopChildren() {
        return flag("stop_children");
    }

    public double warmupDelay() {
        return options.path("warmup_delay").asDouble(0);
    }

    public double gracefulTimeout() {
        return options.path("graceful_timeout").asDouble(30.0);
    }

    public int stopSignal() {
        return options.path("stop_signal").asInt(15);
    }

    public int maxRetry() {
        return options.path("max_retry").asInt(5);
    }

    public int priority() {
        return options.path("priority").asInt(0);
    }

    public int maxAge() {
        return options.path("max_age").asInt(0);
    }

    public int maxAgeVariance() {
        return options.path("max_age_variance").asInt(30);
    }

    public ObjectNode stdoutStream() {
        return (ObjectNode) options.path("stdout_stream_conf").deepCopy();
    }

    public ObjectNode stderrStream() {
        return (ObjectNode) options.path("stderr_stream_conf").deepCopy();
    }

    /** The user or group to run as, when configured. */
    public Optional<String> uid() {
        return text("uid");
    }

    public Optional<String> gid() {
        return text("gid");
    }

    private Optional<String> text(String key) {
        JsonNode v = options.path(key);
        return v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v.asText());
    }

    private boolean flag(String key) {
        return options.path(key).asBoolean(false);
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatcherSpec other && other.name.equals(name) && other.options.equals(options)
                && other.autostart == autostart && other.hooks.equals(hooks) && other.rlimits.equals(rlimits);
    }

    /** True when the two differ in nothing but the number of processes. */
    public boolean sameButNumprocesses(WatcherSpec other) {
        return withNumprocesses(0).equals(other.withNumprocesses(0));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, options, autostart, hooks, rlimits);
    }

    @Override
    public String toString() {
        return "watcher " + name + " (" + cmd() + ")";
    }
}
