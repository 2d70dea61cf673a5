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

    /** Where one output stream of the child goes. */
    public sealed interface Output permits Discard, Inherit, AppendTo {}

    /** To {@code /dev/null}: circusd's default when no stream class is configured. */
    public record Discard() implements Output {}

    /** To the node's own stream ({@code StdoutStream}). */
    public record Inherit() implements Output {}

    /** Appended to a file ({@code FileStream} and its relatives). */
    public record AppendTo(Path file) implements Output {}
}
