package org.circusmeta.node.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.circusmeta.node.process.Signals;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.ini.IniException;
import org.circusmeta.registration.ini.IniSection;

/**
 * One {@code [watcher:NAME]} section read with circusd's types and defaults (docs/protocol.md, "circus.ini").
 * Options circusd would keep as free-form values are kept and reported the same way, with a warning.
 *
 * <p>Thread-safe (stateless).
 */
final class WatcherSectionReader {
    private static final Set<String> INTEGERS = Set.of("numprocesses", "max_retry", "priority", "max_age",
            "max_age_variance", "warmup_delay");
    private static final Set<String> BOOLEANS = Set.of("respawn", "copy_env", "shell", "singleton", "send_hup",
            "stop_children", "close_child_stdin", "close_child_stdout", "close_child_stderr", "on_demand");
    private static final Set<String> TEXTS = Set.of("args", "working_dir", "executable", "shell_args", "uid", "gid");
    private static final Set<String> STREAM_CLASSES = Set.of("FileStream", "WatchedFileStream",
            "TimedRotatingFileStream", "StdoutStream", "FancyStdoutStream", "NullStream");

    private WatcherSectionReader() {}

    static WatcherSpec read(IniSection s, List<String> warnings) {
        String name = s.nameAfter("watcher:");
        String cmd = s.get("cmd").filter(c -> !c.isBlank()).orElseThrow(() -> new IniException(
                s.source() + ": [" + s.name() + "] has no cmd; give the command to run, e.g. cmd = sleep 1000"));
        WatcherSpec spec = WatcherSpec.defaults(name, cmd, TextNode.valueOf(""), System.getProperty("user.dir"))
                .with("__name__", TextNode.valueOf(s.name()));
        for (Map.Entry<String, String> e : s.options().entrySet()) {
            spec = option(spec, s, e.getKey(), e.getValue(), warnings);
        }
        checkStream(s, spec.stdoutStream(), "stdout_stream");
        checkStream(s, spec.stderrStream(), "stderr_stream");
        return spec;
    }

    private static WatcherSpec option(WatcherSpec spec, IniSection s, String key, String value, List<String> warnings) {
        if (key.equals("cmd")) {
            return spec;
        }
        if (INTEGERS.contains(key)) {
            return integer(spec, s, key, value);
        }
        if (BOOLEANS.contains(key)) {
            return bool(spec, s, key, warnings);
        }
        if (TEXTS.contains(key)) {
            return text(spec, s, key, value);
        }
        return switch (key) {
            case "graceful_timeout" -> spec.with(key, DoubleNode.valueOf(s.number(key).orElseThrow()));
            case "stop_signal" -> spec.with(key, IntNode.valueOf(Signals.byName(value).orElseThrow(
                    () -> s.bad(key, value, "a signal name or number (TERM, SIGINT, 9)"))));
            case "autostart" -> spec.withAutostart(s.bool(key).orElseThrow());
            case "copy_path" -> {
                s.bool(key);
                yield spec;
            }
            case "use_sockets" -> useSockets(spec, s, key);
            default -> prefixed(spec, s, key, value, warnings);
        };
    }

    private static WatcherSpec integer(WatcherSpec spec, IniSection s, String key, String value) {
        int n = s.integer(key).orElseThrow();
        if (key.equals("numprocesses") && n < 0) {
            throw s.bad(key, value, "a number of processes (0 or more)");
        }
        return spec.with(key, IntNode.valueOf(n));
    }

    private static WatcherSpec bool(WatcherSpec spec, IniSection s, String key, List<String> warnings) {
        boolean on = s.bool(key).orElseThrow();
        if (key.equals("on_demand") && on) {
            warnings.add(s.where(key) + ": [" + s.name() + "] on_demand needs socket activity, which "
                    + "circusmeta-node does not watch; the watcher starts as usual");
        }
        return spec.with(key, BooleanNode.valueOf(on));
    }

    private static WatcherSpec text(WatcherSpec spec, IniSection s, String key, String value) {
        if ((key.equals("uid") || key.equals("gid")) && !value.isBlank()) {
            throw new IniException(s.where(key) + ": [" + s.name() + "] " + key + " = " + value
                    + ": circusmeta-node cannot switch users or groups (that needs native code); run the node "
                    + "as that user, or remove " + key);
        }
        return spec.with(key, TextNode.valueOf(value));
    }

    private static WatcherSpec useSockets(WatcherSpec spec, IniSection s, String key) {
        if (s.bool(key).orElseThrow()) {
            throw new IniException(s.where(key) + ": [" + s.name() + "] use_sockets = true: handing the "
                    + "[socket:...] file descriptors to child processes needs native code that circusmeta-node "
                    + "(a JVM) does not have; run this watcher under circusd, or let the program open its own "
                    + "socket and remove use_sockets");
        }
        return spec;
    }

    private static WatcherSpec prefixed(WatcherSpec spec, IniSection s, String key, String value, List<String> warnings) {
        if (key.startsWith("stdout_stream.") || key.startsWith("stderr_stream.")) {
            String sub = key.substring(key.indexOf('.') + 1);
            if (sub.equals("max_bytes") || sub.equals("backup_count")) {
                s.integer(key).orElseThrow();
            }
            // Kept as text, as circusd keeps every ini value of a stream ("max_bytes": "2000").
            return OptionRules.construct(spec, key, TextNode.valueOf(value));
        }
        if (key.startsWith("hooks.")) {
            String hook = key.substring("hooks.".length());
            if (!OptionRules.HOOKS.contains(hook)) {
                throw s.bad(key, value, "a hook of circus (" + String.join(", ", OptionRules.HOOKS) + ")");
            }
            warnings.add(s.where(key) + ": [" + s.name() + "] " + key + ": hooks are Python callables, which "
                    + "circusmeta-node does not run; the watcher runs without it");
            String[] parts = value.split(",");
            ArrayNode target = CircusJson.mapper().createArrayNode().add(parts[0].strip());
            target.add(parts.length > 1 && parts[1].strip().equalsIgnoreCase("true"));
            return spec.withHook(hook, target);
        }
        if (key.startsWith("rlimit_")) {
            warnings.add(s.where(key) + ": [" + s.name() + "] " + key + ": resource limits are not applied by "
                    + "circusmeta-node; set them on the node itself (ulimit) if you need them");
            return spec.withRlimit(key.substring("rlimit_".length()), s.integer(key).orElseThrow());
        }
        warnings.add(s.where(key) + ": unknown option '" + key + "' in [" + s.name()
                + "]; kept and reported by 'options', as circusd does, but it has no effect");
        return spec.with(key, TextNode.valueOf(value));
    }

    private static void checkStream(IniSection s, ObjectNode conf, String which) {
        if (conf.isEmpty()) {
            return;
        }
        String cls = conf.path("class").asText("");
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        if (!STREAM_CLASSES.contains(simple)) {
            throw new IniException(s.where(which + ".class") + ": [" + s.name() + "] " + which + ".class = '" + cls
                    + "' is not a stream circusmeta-node knows (" + String.join(", ", STREAM_CLASSES) + ")");
        }
        if (simple.endsWith("FileStream") && conf.path("filename").asText("").isBlank()) {
            throw new IniException(s.where(which + ".class") + ": [" + s.name() + "] " + which + ".class = " + cls
                    + " needs " + which + ".filename");
        }
    }
}
