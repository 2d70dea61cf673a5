package org.circusmeta.node.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one process: the words of the command (program first), its whole
 * environment, its working directory and where its output goes.
 *
 * <p>Immutable.
 */
public record LaunchSpec(List<String> argv, Map<String, String> env, Path workingDir, Output stdout, Output stderr) {

    public LaunchSpec {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    /**
     * Where one output stream of the child goes besides the node's own capture of its lines, which is
     * always made.
     */
    public sealed interface Output permits Discard, Inherit, AppendTo {}

    /** Nowhere: circusd's default when no stream class is configured. */
    public record Discard() implements Output {}

    /** To the node's own standard output ({@code StdoutStream}, whichever stream of the child it is). */
    public record Inherit() implements Output {}

    /**
     * Appended to a file ({@code FileStream} and its relatives).
     *
     * @param maxBytes {@code FileStream}'s rollover size; 0 for none
     * @param backupCount how many rolled-over files to keep ({@code file.1} the newest); with 0 the file
     *     is reopened, not renamed, as circus does
     * @param reopenWhenMoved {@code WatchedFileStream}: a file moved or deleted by another program
     *     (logrotate) is opened again by its name before the next write
     */
    public record AppendTo(Path file, long maxBytes, int backupCount, boolean reopenWhenMoved) implements Output {
        /** A file that grows without rotation. */
        public static AppendTo growing(Path file) {
            return new AppendTo(file, 0, 0, false);
        }
    }
}
