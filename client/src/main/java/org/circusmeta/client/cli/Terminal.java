package org.circusmeta.client.cli;

import java.io.PrintStream;

/**
 * Where the CLI writes: stdout for results, stderr for what went wrong, and whether stdout is a
 * terminal (so that {@code top} may redraw in place).
 *
 * <p>Immutable; the streams are the caller's.
 */
record Terminal(PrintStream out, PrintStream err, boolean interactive) {

    /** {@code text} on stdout, ending with one newline. */
    void print(String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }

    void error(String message) {
        err.println("circusmeta: " + message);
        err.flush();
    }
}
