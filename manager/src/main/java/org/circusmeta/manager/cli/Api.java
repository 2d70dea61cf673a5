package org.circusmeta.manager.cli;

/**
 * One subcommand's calls to the manager: each response printed as it is with {@code --json}, a
 * successful body handed back, an error turned into a {@link CommandFailedException} that says what
 * the manager said and what to do (exit status 2 for a request the manager found invalid, 1 else).
 *
 * <p>Confined to the CLI's main thread.
 */
final class Api {
    private final ManagerClient client;
    private final Terminal terminal;
    private final Invocation invocation;

    Api(ManagerClient client, Terminal terminal, Invocation invocation) {
        this.client = client;
        this.terminal = terminal;
        this.invocation = invocation;
    }

    Terminal terminal() {
        return terminal;
    }

    Invocation invocation() {
        return invocation;
    }

    boolean json() {
        return invocation.json();
    }

    Json get(String path) {
        return accept(client.get(path), "GET " + path);
    }

    Json post(String path, String body) {
        return accept(client.post(path, body), "POST " + path);
    }

    Json delete(String path) {
        return accept(client.delete(path), "DELETE " + path);
    }

    /** The response's body unless it failed; with {@code --json}, printed first either way. */
    Json accept(ManagerClient.Response response, String call) {
        if (invocation.json() && !response.body().isEmpty()) {
            terminal.print(response.body());
        }
        if (response.isSuccess()) {
            return response.json();
        }
        throw failure(response, call);
    }

    private CommandFailedException failure(ManagerClient.Response response, String call) {
        String said = response.json().path("message").text("");
        if (said.isEmpty()) {
            said = response.body().isBlank() ? "no explanation" : firstLine(response.body());
        }
        String message = "the manager at " + client.base() + " answered " + call + " with HTTP " + response.status()
                + ": " + said;
        return switch (response.status()) {
            case 401 -> new CommandFailedException(message + "\nGive one of the manager's auth.tokens with --token T"
                    + " or CIRCUSMETA_TOKEN.");
            case 422 -> new CommandFailedException(message, Exits.USAGE);
            default -> new CommandFailedException(message);
        };
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
