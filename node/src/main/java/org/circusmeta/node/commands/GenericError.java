package org.circusmeta.node.commands;

/**
 * A failure circusd reports in its generic errno-5 form, {@code command b'<raw request>': <text>}
 * (duplicate add, unknown signal name, childpid without pid): the control endpoint builds that reply
 * from any exception a handler throws. Immutable.
 */
final class GenericError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GenericError(String message) {
        super(message);
    }
}
