package org.circusmeta.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shell scripts that tests run as watchers: written to a folder, run with {@code /bin/sh}. */
public final class ShellScripts {
    private ShellScripts() {}

    /** Writes the script and returns the command that runs it: {@code /bin/sh DIR/NAME}. */
    public static String command(Path dir, String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/bin/sh " + file;
    }
}
