package org.circusmeta.manager.cli;

import java.util.Optional;

/** A command line that cannot be run: exit status 2, with the help of the subcommand it was for. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Subcommand> subcommand;

    UsageException(Optional<Subcommand> subcommand, String message) {
        super(message);
        this.subcommand = subcommand;
    }

    /** The help to print after the message: the subcommand's, or the general one. */
    String help() {
        return subcommand.map(Subcommand::help).orElseGet(Help::general);
    }
}
