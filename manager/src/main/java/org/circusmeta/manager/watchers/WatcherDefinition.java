package org.circusmeta.manager.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Request;

/**
 * A watcher to add, as circus's {@code add} takes it, and the labels a node must carry to run it
 * when the manager places it. The options the manager reads itself are typed (the process count,
 * the environment, the working directory); every other option stays as circusd will read it, in
 * {@link #options()}. A value of the wrong type (a {@code numprocesses} that is not a whole number)
 * is left among the other options untouched, so that the node refuses it in its own words.
 *
 * <p>This is what a cluster watcher record keeps as its {@code spec}: {@link #spec()} writes it,
 * {@link #read} reads it back (docs/placement.md shows the record).
 *
 * <p>Immutable: the trees are copied in and out.
 *
 * @param args a string or a list of strings, as given
 * @param options every option but the typed ones
 */
public record WatcherDefinition(String name, String cmd, Optional<JsonNode> args, OptionalInt numprocesses,
        Optional<Map<String, String>> env, Optional<String> workingDir, ObjectNode options, boolean start,
        Map<String, String> constraints) {

    private static final String NUMPROCESSES = "numprocesses";
    private static final String ENV = "env";
    private static final String WORKING_DIR = "working_dir";

    public WatcherDefinition {
        args = args.map(JsonNode::deepCopy);
        env = env.map(e -> Map.copyOf(new TreeMap<>(e)));
        options = options.deepCopy();
        constraints = Map.copyOf(constraints);
    }

    /**
     * Reads circus's {@code add} properties (or a record's spec: the same without the name).
     *
     * @param properties {@code cmd}, {@code args}, {@code options}, {@code start}; anything else is not the watcher's
     */
    public static WatcherDefinition read(String name, ObjectNode properties, Map<String, String> constraints) {
        JsonNode args = properties.get("args");
        JsonNode options = properties.path("options");
        return of(name, properties.path("cmd").asText(""), args == null || args.isNull() ? null : args,
                options.isObject() ? (ObjectNode) options : CircusJson.object(), properties.path("start").asBoolean(false),
                constraints);
    }

    /** A definition whose options may hold {@code numprocesses}, {@code env} and {@code working_dir}: those are typed out. */
    public static WatcherDefinition of(String name, String cmd, JsonNode args, ObjectNode options, boolean start,
            Map<String, String> constraints) {
        ObjectNode rest = options.deepCopy();
        JsonNode count = rest.path(NUMPROCESSES);
        OptionalInt numprocesses = count.isInt() && count.intValue() >= 0 ? OptionalInt.of(rest.remove(NUMPROCESSES).intValue())
                : OptionalInt.empty();
        Optional<Map<String, String>> env = strings(rest.path(ENV));
        env.ifPresent(e -> rest.remove(ENV));
        Optional<String> workingDir = rest.path(WORKING_DIR).isTextual()
                ? Optional.of(rest.remove(WORKING_DIR).textValue()) : Optional.empty();
        return new WatcherDefinition(name, cmd, Optional.ofNullable(args), numprocesses, env, workingDir, rest, start,
                constraints);
    }

    private static Optional<Map<String, String>> strings(JsonNode env) {
        if (!env.isObject()) {
            return Optional.empty();
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : env.properties()) {
            if (!e.getValue().isTextual()) {
                return Optional.empty();
            }
            values.put(e.getKey(), e.getValue().textValue());
        }
        return Optional.of(values);
    }

    public WatcherDefinition withNumprocesses(int count) {
        return new WatcherDefinition(name, cmd, args, OptionalInt.of(count), env, workingDir, options, start, constraints);
    }

    public WatcherDefinition withEnv(Map<String, String> values) {
        return new WatcherDefinition(name, cmd, args, numprocesses, Optional.of(values), workingDir, options, start,
                constraints);
    }

    public WatcherDefinition withWorkingDir(String dir) {
        return new WatcherDefinition(name, cmd, args, numprocesses, env, Optional.of(dir), options, start, constraints);
    }

    /** The same with these options too (replacing those of the same names). */
    public WatcherDefinition withOptions(ObjectNode more) {
        ObjectNode all = options.deepCopy();
        all.setAll(more.deepCopy());
        return new WatcherDefinition(name, cmd, args, numprocesses, env, workingDir, all, start, constraints);
    }

    /** The processes it starts: circus's default is one. */
    public int processes() {
        return numprocesses.orElse(1);
    }

    /** What placement weighs. */
    public WatcherSpec placement() {
        return new WatcherSpec(name, constraints, processes());
    }

    /** circus's {@code add} properties but the name: {@code cmd}, {@code args}, {@code options}, {@code start}. */
    public ObjectNode spec() {
        ObjectNode spec = CircusJson.object();
        spec.put("cmd", cmd);
        args.ifPresent(a -> spec.set("args", a.deepCopy()));
        ObjectNode all = spec.putObject("options");
        all.setAll(options.deepCopy());
        numprocesses.ifPresent(n -> all.put(NUMPROCESSES, n));
        env.ifPresent(e -> all.set(ENV, CircusJson.mapper().valueToTree(e)));
        workingDir.ifPresent(dir -> all.put(WORKING_DIR, dir));
        spec.put("start", start);
        return spec;
    }

    /** circus's {@code add} of this watcher; {@code waiting} makes the node answer once it started it. */
    public Request addRequest(boolean waiting) {
        ObjectNode properties = CircusJson.object();
        properties.put("name", name);
        properties.setAll(spec());
        if (waiting) {
            properties.put("waiting", true);
        }
        return Request.of("add", properties);
    }
}
