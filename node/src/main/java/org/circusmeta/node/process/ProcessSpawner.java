package org.circusmeta.node.process;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts OS processes as circusd does: no shell unless asked, stdin from {@code /dev/null}, stdout and
 * stderr to pipes that the node reads (circusd's redirector does the same), the given environment
 * only, and a session (hence a process group) of their
 * own, so that stopping one can reach the children it forked. The session comes from util-linux's
 * {@code setsid}, which execs the command in place (same pid); without it, processes share the node's
 * group and only their live descendants can be found.
 *
 * <p>Thread-safe (stateless once built); {@link #spawn} blocks for the fork and exec only.
 */
public final class ProcessSpawner {
    private static final File DEV_NULL = new File("/dev/null");

    private final Optional<Path> setsid;

    public ProcessSpawner() {
        this(findOnPath("setsid", System.getenv("PATH")));
    }

    ProcessSpawner(Optional<Path> setsid) {
        this.setsid = setsid;
    }

    /** @throws SpawnException saying which command could not start and why */
    public ChildProcess spawn(LaunchSpec spec, int wid) {
        List<String> command = new ArrayList<>();
        setsid.ifPresent(p -> command.add(p.toString()));
        command.add(resolve(spec.argv().get(0), spec.env()));
        command.addAll(spec.argv().subList(1, spec.argv().size()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.workingDir().toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectOutput(Redirect.PIPE)
                .redirectError(Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(spec.env());
        if (!Files.isDirectory(spec.workingDir())) {
            throw new SpawnException("cannot start '" + String.join(" ", spec.argv()) + "': working directory "
                    + spec.workingDir() + " does not exist");
        }
        try {
            Process process = builder.start();
            return new ChildProcess(process, wid, System.currentTimeMillis() / 1000.0, setsid.isPresent());
        } catch (IOException | RuntimeException e) {
            throw new SpawnException("cannot start '" + String.join(" ", spec.argv()) + "' in " + spec.workingDir()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A program named without a slash is looked up on the child's PATH, or the node's when the child
     * has none, so that {@code setsid} gets a path it can exec whatever environment the child has.
     */
    private static String resolve(String program, Map<String, String> env) {
        if (program.indexOf('/') >= 0) {
            return program;
        }
        String path = env.getOrDefault("PATH", System.getenv("PATH"));
        return findOnPath(program, path).map(Path::toString).orElseThrow(() -> new SpawnException(
                "cannot start '" + program + "': no such program on the PATH (" + path + ")"));
    }

    static Optional<Path> findOnPath(String program, String path) {
        if (path == null || path.isEmpty()) {
            path = "/usr/local/bin:/usr/bin:/bin";
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
