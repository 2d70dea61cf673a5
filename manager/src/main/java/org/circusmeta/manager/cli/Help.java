package org.circusmeta.manager.cli;

/** The help texts shared by every subcommand. */
final class Help {
    static final String DEFAULT_MANAGER = "http://127.0.0.1:8080";

    static final String GLOBAL_OPTIONS = """
            global options (anywhere before '--'):
              --manager URL   the manager's HTTP API (default $CIRCUSMETA_MANAGER, else %s)
              --token T       a bearer token from the manager's auth.tokens (default $CIRCUSMETA_TOKEN)
              --json          print the API's JSON as it is instead of a table
              -h, --help      this help
            """.formatted(DEFAULT_MANAGER);

    static final String EXIT_STATUS = """

            exit status: 0 when every node it targeted succeeded; 1 when one failed (named on stderr) or the
            manager refused or could not be reached; 2 for a usage error.
            """;

    private Help() {}

    static String general() {
        StringBuilder text = new StringBuilder("""
                usage: circusmeta [--manager URL] [--token T] [--json] SUBCOMMAND [ARGS...]

                Manages a pool of Circus nodes through the circusmeta manager's HTTP API.

                subcommands:
                """);
        for (Subcommand s : Subcommand.values()) {
            text.append("  ").append(s.synopsis().substring("circusmeta ".length())).append('\n');
        }
        text.append("\n'circusmeta SUBCOMMAND --help' tells more about one.\n\n");
        return text + GLOBAL_OPTIONS + EXIT_STATUS;
    }
}
