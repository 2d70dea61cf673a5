package org.circusmeta.protocol.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;

/**
 * One event of the pubsub stream: topic {@code watcher.<watcher>.<event>}, body a JSON object such as
 * {@code {"process_pid": 123, "time": 1795657655.4}}. The watcher name may contain {@code :}
 * ({@code watcher.node1:web.spawn}); the event is what follows the last dot.
 *
 * <p>Immutable as long as nobody changes {@code body}, which is the parsed message itself (not
 * copied, since streams are busy): treat it as read-only. Thread-safe for reading.
 *
 * @param watcher the watcher name as the topic carries it (lower-cased by circusd)
 * @param event {@code spawn}, {@code reap}, {@code kill}, {@code start}, {@code stop}, {@code updated}, …
 * @param body the event's JSON body
 */
public record WatcherEvent(String watcher, String event, ObjectNode body) {
    public static final String PREFIX = "watcher.";

    /**
     * Reads an event as it came off the socket.
     *
     * @throws MalformedMessageException when the topic or the body is not of that form
     */
    public static WatcherEvent parse(String topic, byte[] body) {
        if (!topic.startsWith(PREFIX)) {
            throw new MalformedMessageException("event topic '" + topic + "' does not start with 'watcher.'");
        }
        int last = topic.lastIndexOf('.');
        if (last <= PREFIX.length() || last == topic.length() - 1) {
            throw new MalformedMessageException("event topic '" + topic + "' is not watcher.NAME.EVENT");
        }
        return new WatcherEvent(topic.substring(PREFIX.length(), last), topic.substring(last + 1), CircusJson.readObject(body));
    }

    /** The topic this event was (or would be) published under. */
    public String topic() {
        return PREFIX + watcher + "." + event;
    }

    /** The body encoded as circusd encodes it. */
    public byte[] bodyBytes() {
        return CircusJson.write(body);
    }

    /** The pid the event is about ({@code spawn}, {@code reap}, {@code kill}). */
    public OptionalLong pid() {
        return body.path("process_pid").canConvertToLong() ? OptionalLong.of(body.get("process_pid").longValue()) : OptionalLong.empty();
    }

    /** The event's {@code time} (Unix seconds), when present. */
    public Optional<Double> time() {
        return body.path("time").isNumber() ? Optional.of(body.get("time").doubleValue()) : Optional.empty();
    }
}
