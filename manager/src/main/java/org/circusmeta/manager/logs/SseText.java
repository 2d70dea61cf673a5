package org.circusmeta.manager.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Optional;
import org.circusmeta.api.ApiJson;
import org.circusmeta.api.LogLineView;
import org.circusmeta.api.LogNotice;
import org.circusmeta.protocol.logs.LogLine;

/**
 * The server-sent events of a follow, as text: a line is a {@code data:} of its {@link LogLineView} JSON,
 * a notice an event named {@code notice}, the last one an event named {@code end}. JSON never holds a raw
 * line break, so each event's data is one line.
 *
 * <p>Stateless.
 */
public final class SseText {
    private static final ObjectWriter JSON = ApiJson.mapper().writer();

    private SseText() {}

    static String line(LogLine line) {
        return "data: " + json(view(line)) + "\n\n";
    }

    static String notice(Optional<String> node, String message) {
        return event("notice", json(new LogNotice(node.orElse(null), message)));
    }

    static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    static String endJson(String message) {
        return json(new LogNotice(null, message));
    }

    public static LogLineView view(LogLine line) {
        Integer pid = line.pid().isPresent() ? Integer.valueOf(Math.toIntExact(line.pid().getAsLong())) : null;
        return new LogLineView(line.node().orElse(""), line.watcher(), pid, line.stream().wireName(), line.time(), line.line());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a log line did not turn into JSON", e);
        }
    }
}
