package org.circusmeta.manager.resources;

import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Optional;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.manager.core.RollingRestart;

/** The body of {@code POST /api/watchers/{name}/restart}, read into the use case's request. Stateless. */
final class RestartBody {
    private RestartBody() {}

    static boolean isRolling(RestartRequest body) {
        return body != null && Boolean.TRUE.equals(body.rolling());
    }

    /** The node the call names, in the query or the body (not two different ones). */
    static Optional<String> node(String query, RestartRequest body) {
        String inBody = body == null ? null : body.node();
        if (query != null && inBody != null && !query.equals(inBody)) {
            throw new WebApplicationException("node: the query names node " + query + " and the body node " + inBody
                    + "; give one of them", ErrorResponses.UNPROCESSABLE);
        }
        return Optional.ofNullable(query != null ? query : inBody);
    }

    static void requireNoRollingOptions(RestartRequest body) {
        if (body != null && (body.batch() != null || body.healthyFor() != null || body.timeout() != null)) {
            throw new WebApplicationException("batch, healthy_for and timeout are for a rolling restart: add"
                    + " \"rolling\": true, or leave them out", ErrorResponses.UNPROCESSABLE);
        }
    }

    static RollingRestart rolling(String watcher, Optional<String> node, RestartRequest body) {
        return new RollingRestart(watcher, node, body.batch() == null ? RollingRestart.DEFAULT_BATCH : body.batch(),
                duration("healthy_for", body.healthyFor(), RollingRestart.DEFAULT_HEALTHY_FOR),
                duration("timeout", body.timeout(), RollingRestart.DEFAULT_TIMEOUT));
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}: as config.yml writes durations. */
    static Duration duration(String field, String text, Duration otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return io.dropwizard.util.Duration.parse(text).toJavaDuration();
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(field + ": '" + text + "' is not a duration; write it as 500ms, 5s or 2m",
                    ErrorResponses.UNPROCESSABLE);
        }
    }
}
