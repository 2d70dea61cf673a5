package org.circusmeta.protocol.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;

/**
 * One message of the stats stream (docs/protocol.md, "The stats stream"): topic {@code stat.<watcher>} for a
 * watcher's aggregate ({@code {"pid": [...], "cpu": c, "mem": m, "age": a}}) or
 * {@code stat.<watcher>.<subtopic>} for one process (subtopic = pid) or one socket (watcher
 * {@code sockets}, subtopic = fd). {@code circus} is the daemon's own collector. Figures may be the
 * string {@code "N/A"}.
 *
 * <p>Immutable as long as nobody changes {@code body}, which is the parsed message itself (not
 * copied, since streams are busy): treat it as read-only. Thread-safe for reading.
 *
 * @param watcher the watcher name (may contain {@code :}, never a dot)
 * @param subtopic the pid or fd after the last dot, when there is one
 * @param body the JSON body
 */
public record StatsSample(String watcher, Optional<String> subtopic, ObjectNode body) {
    public static final String PREFIX = "stat.";

    /**
     * Reads a stats message as it came off the socket.
     *
     * @throws MalformedMessageException when the topic or the body is not of that form
     */
    public static StatsSample parse(String topic, byte[] body) {
        if (!topic.startsWith(PREFIX) || topic.length() == PREFIX.length()) {
            throw new MalformedMessageException("stats topic '" + topic + "' is not stat.NAME[.PID]");
        }
        String rest = topic.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        Optional<String> subtopic = Optional.empty();
        String watcher = rest;
        if (dot >= 0) {
            if (dot == 0 || dot == rest.length() - 1 || rest.indexOf('.', dot + 1) >= 0) {
                throw new MalformedMessageException("stats topic '" + topic + "' is not stat.NAME[.PID]");
            }
            watcher = rest.substring(0, dot);
            subtopic = Optional.of(rest.substring(dot + 1));
        }
        return new StatsSample(watcher, subtopic, CircusJson.readObject(body));
    }

    /** A watcher's (or the daemon's) aggregate rather than one process. */
    public boolean isAggregate() {
        return subtopic.isEmpty();
    }

    /** The pid of a per-process sample. */
    public OptionalLong pid() {
        if (subtopic.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(subtopic.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A numeric figure of the body ({@code cpu}, {@code mem}, {@code age}); empty for {@code "N/A"}. */
    public Optional<Double> figure(String key) {
        return body.path(key).isNumber() ? Optional.of(body.get(key).doubleValue()) : Optional.empty();
    }

    /** Processes covered: the length of an aggregate's {@code pid} list, 1 for a process sample. */
    public int processCount() {
        if (!isAggregate()) {
            return 1;
        }
        return body.path("pid").isArray() ? body.get("pid").size() : 0;
    }

    /** The topic this sample was (or would be) published under. */
    public String topic() {
        return PREFIX + watcher + subtopic.map(s -> "." + s).orElse("");
    }

    /** The body encoded as circusd encodes it. */
    public byte[] bodyBytes() {
        return CircusJson.write(body);
    }
}
