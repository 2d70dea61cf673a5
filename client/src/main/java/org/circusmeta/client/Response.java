package org.circusmeta.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * One HTTP response as it came: its status and its body, for a caller that looks at the wire itself
 * (a test of the status codes, the admin port's documents).
 *
 * @param status the HTTP status
 * @param body the body as text, empty when there was none
 * @param warnings the texts of its {@code Warning} headers (what a partial answer says it lacks)
 */
public record Response(int status, String body, List<String> warnings) {
    public Response {
        warnings = List.copyOf(warnings);
    }

    public Response(int status, String body) {
        this(status, body, List.of());
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a Jackson tree; a missing node when it is not JSON. */
    public JsonNode json() {
        try {
            return RecordJson.tree(body);
        } catch (IllegalArgumentException notJson) {
            return MissingNode.getInstance();
        }
    }
}
