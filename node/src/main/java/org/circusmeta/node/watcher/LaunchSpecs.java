package org.circusmeta.node.watcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.node.config.WatcherSpec;
import org.circusmeta.node.process.GnuArgs;
import org.circusmeta.node.process.LaunchSpec;
import org.circusmeta.node.process.ShellWords;
import org.circusmeta.node.process.SpawnException;

/**
 * Turns a watcher's configuration into the command, environment and outputs of one process, as
 * circusd's {@code Process.format_args} does: {@code $(circus.wid)} and {@code $(circus.env.NAME)}
 * expanded, {@code cmd} and a string {@code args} split like a shell would, or the whole line given to
 * {@code /bin/sh -c} when {@code shell} is on.
 *
 * <p>Thread-safe (stateless).
 */
final class LaunchSpecs {
    private LaunchSpecs() {}

    /** @throws SpawnException when the configuration cannot give a command (bad quoting, another user) */
    static LaunchSpec build(WatcherSpec spec, int wid) {
        checkUser(spec);
        Map<String, String> env = new LinkedHashMap<>();
        if (spec.copyEnv()) {
            env.putAll(System.getenv());
        }
        env.putAll(spec.env());
        Map<String, String> vars = new HashMap<>();
        vars.put("wid", String.valueOf(wid));
        vars.put("working_dir", spec.workingDir());
        vars.put("numprocesses", String.valueOf(spec.numprocesses()));
        GnuArgs.putEnvironment(vars, env);
        String cmd = GnuArgs.replace(spec.cmd(), vars);
        List<String> argv;
        try {
            argv = spec.shell() ? List.of("/bin/sh", "-c", shellLine(cmd, spec.args(), vars)) : words(cmd, spec.args(), vars);
        } catch (IllegalArgumentException e) {
            throw new SpawnException("watcher " + spec.name() + ": cannot split its command: " + e.getMessage(), e);
        }
        if (argv.isEmpty()) {
            throw new SpawnException("watcher " + spec.name() + ": its cmd is empty");
        }
        return new LaunchSpec(argv, env, Path.of(spec.workingDir()), output(spec.stdoutStream()),
                output(spec.stderrStream()));
    }

    private static List<String> words(String cmd, JsonNode args, Map<String, String> vars) {
        List<String> argv = new ArrayList<>(ShellWords.split(cmd));
        if (args.isTextual()) {
            argv.addAll(ShellWords.split(GnuArgs.replace(args.textValue(), vars)));
        } else if (args.isArray()) {
            args.forEach(a -> argv.add(GnuArgs.replace(a.asText(), vars)));
        }
        return argv;
    }

    private static String shellLine(String cmd, JsonNode args, Map<String, String> vars) {
        StringBuilder line = new StringBuilder(cmd);
        if (args.isTextual() && !args.textValue().isBlank()) {
            line.append(' ').append(GnuArgs.replace(args.textValue(), vars));
        } else if (args.isArray()) {
            args.forEach(a -> line.append(' ').append(GnuArgs.replace(a.asText(), vars)));
        }
        return line.toString();
    }

    /**
     * circus's {@code get_stream}: a class, or a bare {@code filename} meaning {@code FileStream};
     * {@code max_bytes} and {@code backup_count} rotate a {@code FileStream} (not the timed one, whose
     * rotation by time circusmeta-node does not do), {@code WatchedFileStream} reopens a moved file.
     */
    static LaunchSpec.Output output(ObjectNode conf) {
        String cls = conf.path("class").asText(conf.hasNonNull("filename") ? "FileStream" : "");
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        if (simple.endsWith("FileStream")) {
            Path file = Path.of(conf.path("filename").asText());
            if (simple.equals("FileStream")) {
                return new LaunchSpec.AppendTo(file, Math.max(0, conf.path("max_bytes").asLong(0)),
                        Math.max(0, conf.path("backup_count").asInt(0)), false);
            }
            return new LaunchSpec.AppendTo(file, 0, 0, simple.equals("WatchedFileStream"));
        }
        if (simple.endsWith("StdoutStream")) {
            return new LaunchSpec.Inherit();
        }
        return new LaunchSpec.Discard();
    }

    private static void checkUser(WatcherSpec spec) {
        Optional<String> uid = spec.uid();
        if (uid.isPresent() && !uid.get().equals(System.getProperty("user.name")) && !uid.get().equals(ownUid())) {
            throw new SpawnException("watcher " + spec.name() + " asks for uid " + uid.get()
                    + ", but circusmeta-node cannot switch users (that needs native code); run the node as that user");
        }
        if (spec.gid().isPresent()) {
            throw new SpawnException("watcher " + spec.name() + " asks for gid " + spec.gid().get()
                    + ", but circusmeta-node cannot switch groups (that needs native code); remove gid");
        }
    }

    private static String ownUid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
