package org.circusmeta.node.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.stream.Publisher;

/**
 * The node's pubsub events, as circusd publishes them (docs/protocol.md, "The events stream"): topic
 * {@code watcher.<name>.<event>}, the name lower-cased with spaces turned into {@code _}, and the
 * bodies with circusd's keys in circusd's order.
 *
 * <p>Thread-safe: the publisher is, and this holds no state of its own.
 */
public final class EventPublisher {
    private final Publisher publisher;

    public EventPublisher(Publisher publisher) {
        this.publisher = publisher;
    }

    private static String topic(String watcher, String event) {
        return "watcher." + watcher.toLowerCase(Locale.ROOT).replace(' ', '_') + "." + event;
    }

    /** A process was started; {@code started} is when, in Unix seconds. */
    public void spawn(String watcher, long pid, double started) {
        ObjectNode body = CircusJson.object();
        body.put("process_pid", pid);
        body.put("time", started);
        publish(watcher, "spawn", body);
    }

    /** A process was collected; the exit code is minus the signal when a signal killed it. */
    public void reap(String watcher, long pid, int exitCode) {
        ObjectNode body = CircusJson.object();
        body.put("process_pid", pid);
        body.put("time", now());
        body.put("exit_code", exitCode);
        publish(watcher, "reap", body);
    }

    /** The node sent a process its stop signal. */
    public void kill(String watcher, long pid) {
        ObjectNode body = CircusJson.object();
        body.put("process_pid", pid);
        body.put("time", now());
        publish(watcher, "kill", body);
    }

    /** start, stop, reload, updated, add, remove: events whose body is the time only. */
    public void watcher(String watcher, String event) {
        ObjectNode body = CircusJson.object();
        body.put("time", now());
        publish(watcher, event, body);
    }

    private void publish(String watcher, String event, ObjectNode body) {
        publisher.publish(topic(watcher, event), CircusJson.write(body));
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
