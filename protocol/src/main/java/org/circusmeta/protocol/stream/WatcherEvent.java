package org.circusmeta.protocol.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;

/**
 * One event of the pubsub stream: topic {@code watcher.<watcher>.<event>}, body a JSON object such as
 * {@code {"process_pid": 123, "time": 1795657655.4}}. The watcher name may contain {@code :}
 * ({@code watcher.node1:web.spawn}); the event is what follows the last dot.
 *
 * @param watcher the watcher name as the topic carries it (lower-cased by circusd)
 * @param event {@code spawn}, {@code reap}, {@code kill}, {@code start}, {@code stop}, {@code updated}, …
 * @param body the event's JSON body
 */
public record WatcherEvent(String watcher, String event, ObjectNode body) {
    public static final String PREFIX = "watcher.";

    /** @throws MalformedMessageException when the topic or body is not of that form */
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

    public String topic() {
        return PREFIX + watcher + "." + event;
    }

    public byte[] bodyBytes() {
        return CircusJson.write(body);
    }

    /** The pid the event is about ({@code spawn}, {@code reap}, {@code kill}). */
    public OptionalLong pid() {
        return body.path("process_pid").canConvertToLong() ? OptionalLong.of(body.get("process_pid").longValue()) : OptionalLong.empty();
    }

    public Optional<Double> time() {
        return body.path("time").isNumber() ? Optional.of(body.get("time").doubleValue()) : Optional.empty();
    }

    static String topicText(byte[] topic) {
        return new String(topic, StandardCharsets.UTF_8);
    }
}
