package org.circusmeta.client;

/**
 * The manager answered with an HTTP error: its status, the message it gave ({@code {"code", "message"}}:
 * what was wrong and what to do), and the body as it came.
 */
public final class ManagerRefused extends ManagerException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final String body;

    ManagerRefused(String base, String call, Response response) {
        this(base, call, response.status(), reasonOf(response), response.body());
    }

    private ManagerRefused(String base, String call, int status, String reason, String body) {
        super("the manager at " + base + " answered " + call + " with HTTP " + status + ": " + reason);
        this.status = status;
        this.reason = reason;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The manager's own message, or the start of its body when it gave none. */
    public String reason() {
        return reason;
    }

    /** The body as it came (the API's error JSON, usually). */
    public String body() {
        return body;
    }

    private static String reasonOf(Response response) {
        String message = response.json().path("message").asText("");
        if (!message.isEmpty()) {
            return message;
        }
        String line = response.body().strip().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            return "no explanation";
        }
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
