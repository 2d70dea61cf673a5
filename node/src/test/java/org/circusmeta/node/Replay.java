package org.circusmeta.node;

import static org.awaitility.Awaitility.await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.testsupport.JsonShape;
import org.circusmeta.testsupport.RawDealer;
import org.circusmeta.testsupport.Vectors.Exchange;
import org.circusmeta.testsupport.Vectors;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;


/**
 * Replays recorded exchanges against a live node over a raw DEALER socket, byte for byte as recorded
 * (ids included), and compares each reply and the events that follow with the recording: the reply's
 * structure ({@link JsonShape}), status, reason, errno, id and the values that do not depend on pids
 * and times; the events' topics as a multiset, their order per watcher, and their bodies' shapes.
 * Before each request it waits until every watcher is at rest (active at its target, or stopped), as
 * the recorder's pauses let circusd settle.
 */
final class Replay implements AutoCloseable {
    /** What the node should answer to one exchange: the recording, adjusted where the node differs on purpose. */
    record Expected(Optional<JsonNode> reply, List<String> topics) {
        Expected withTopics(List<String> next) {
            return new Expected(reply, List.copyOf(next));
        }

        Expected withReply(JsonNode next) {
            return new Expected(Optional.of(next), topics);
        }
    }

    private static final Duration QUIET = Duration.ofMillis(150);
    private static final JsonNode CATALOG = Vectors.read("pubsub-events.json").path("catalog");

    private final TestNode node;
    private final ZContext zmq = new ZContext();
    private final Map<String, UnaryOperator<Expected>> adjustments;
    private ZMQ.Socket dealer;

    Replay(TestNode node, Map<String, UnaryOperator<Expected>> adjustments) {
        this.node = node;
        this.adjustments = adjustments;
        this.dealer = openDealer();
    }

    /** Replays a transcript; returns one line per difference, empty when all matched. */
    List<String> run(String file) {
        List<String> failures = new ArrayList<>();
        for (Exchange e : Vectors.exchanges(file)) {
            List<String> diffs = exchange(e);
            diffs.forEach(d -> failures.add(e + ": " + d));
        }
        return failures;
    }

    private List<String> exchange(Exchange e) {
        if (e.label().startsWith("quit from a fresh DEALER")) {
            zmq.destroySocket(dealer);
            dealer = openDealer();
        }
        waitUntilSettled();
        Expected expected = adjustments.getOrDefault(e.label(), UnaryOperator.identity()).apply(recorded(e));
        int mark = node.events.size();
        List<byte[]> frames = frames(e);
        for (int i = 0; i < frames.size(); i++) {
            dealer.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
        List<String> diffs = new ArrayList<>();
        Optional<JsonNode> reply = receive(expected.reply().isPresent() ? Duration.ofSeconds(20) : Duration.ofMillis(700));
        diffs.addAll(compareReply(expected.reply(), reply));
        diffs.addAll(compareEvents(expected.topics(), awaitEvents(mark, expected.topics())));
        return diffs;
    }

    /** The frames to send, with a live pid where the recording sent one of its own. */
    private List<byte[]> frames(Exchange e) {
        List<byte[]> frames = new ArrayList<>();
        if (e.isRaw()) {
            e.rawFrames().forEach(f -> frames.add(f.getBytes(StandardCharsets.UTF_8)));
            return frames;
        }
        ObjectNode request = (ObjectNode) e.request().orElseThrow().deepCopy();
        if (e.label().contains("<pid>")) {
            ObjectNode props = (ObjectNode) request.get("properties");
            long live = node.pids(props.get("name").asText()).get(0);
            for (String key : List.of("pid", "process")) {
                if (props.has(key)) {
                    props.put(key, live);
                }
            }
        }
        frames.add(CircusJson.write(request));
        return frames;
    }

    private Optional<JsonNode> receive(Duration wait) {
        dealer.setReceiveTimeOut((int) wait.toMillis());
        byte[] frame = dealer.recv();
        if (frame == null) {
            return Optional.empty();
        }
        while (dealer.hasReceiveMore()) {
            dealer.recv();
        }
        return Optional.of(CircusJson.read(frame));
    }

    private static Expected recorded(Exchange e) {
        Optional<JsonNode> reply = e.reply().map(r -> withoutCircusdStats((ObjectNode) r.deepCopy()));
        List<String> topics = new ArrayList<>();
        for (JsonNode ev : e.events()) {
            String topic = ev.path("topic").asText();
            if (!topic.startsWith("watcher.circusd-stats.") && !topic.contains(".hook_")) {
                topics.add(topic);
            }
        }
        return new Expected(reply, topics);
    }

    /** The node runs no circusd-stats watcher (it publishes stats itself): take it out of the recording. */
    static ObjectNode withoutCircusdStats(ObjectNode reply) {
        for (String field : List.of("statuses", "infos")) {
            if (reply.path(field).isObject()) {
                ((ObjectNode) reply.get(field)).remove("circusd-stats");
            }
        }
        if (reply.path("watchers").isArray()) {
            ArrayNode kept = CircusJson.mapper().createArrayNode();
            reply.get("watchers").forEach(w -> {
                if (!w.asText().equals("circusd-stats")) {
                    kept.add(w);
                }
            });
            reply.set("watchers", kept);
            if (reply.has("numwatchers")) {
                reply.set("numwatchers", IntNode.valueOf(reply.get("numwatchers").asInt() - 1));
            }
        } else if (reply.has("numwatchers")) {
            reply.set("numwatchers", IntNode.valueOf(reply.get("numwatchers").asInt() - 1));
        }
        return reply;
    }

    private static List<String> compareReply(Optional<JsonNode> expected, Optional<JsonNode> actual) {
        if (expected.isEmpty()) {
            return actual.map(a -> List.of("expected no reply, got " + a)).orElse(List.of());
        }
        if (actual.isEmpty()) {
            return List.of("no reply");
        }
        JsonNode exp = expected.get();
        JsonNode act = actual.get();
        List<String> diffs = new ArrayList<>(JsonShape.differences(exp, act));
        for (String field : List.of("status", "reason", "errno", "id", "watchers", "statuses", "numwatchers", "watcher_name")) {
            if (exp.has(field) && !Objects.equals(exp.get(field), act.get(field))) {
                diffs.add(field + ": expected " + exp.get(field) + " but got " + act.get(field));
            }
        }
        if (exp.has("watcher_name") && !exp.get("numprocesses").equals(act.get("numprocesses"))) {
            diffs.add("numprocesses: expected " + exp.get("numprocesses") + " but got " + act.get("numprocesses"));
        }
        if (exp.path("options").has("cmd")) {
            ObjectNode e = ((ObjectNode) exp.get("options")).deepCopy();
            ObjectNode a = ((ObjectNode) act.get("options")).deepCopy();
            e.remove("working_dir");
            a.remove("working_dir");
            if (!e.equals(a)) {
                diffs.add("options: expected " + e + " but got " + a);
            }
        }
        return diffs;
    }

    private List<Map.Entry<String, JsonNode>> awaitEvents(int mark, List<String> expected) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> containsAll(topicsSince(mark), expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported by the comparison below
        }
        int[] seen = {node.events.size()};
        long[] quietSince = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (node.events.size() != seen[0]) {
                seen[0] = node.events.size();
                quietSince[0] = System.nanoTime();
            }
            return System.nanoTime() - quietSince[0] >= QUIET.toNanos();
        });
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.events.subList(mark, node.events.size()).forEach(ev -> out.add(Map.entry(ev.topic(), ev.body())));
        return out;
    }

    private List<String> topicsSince(int mark) {
        return node.events.subList(mark, node.events.size()).stream().map(TestNode.Event::topic).toList();
    }

    static boolean containsAll(List<String> actual, List<String> expected) {
        Map<String, Integer> counts = counts(actual);
        for (Map.Entry<String, Integer> e : counts(expected).entrySet()) {
            if (counts.getOrDefault(e.getKey(), 0) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> compareEvents(List<String> expected, List<Map.Entry<String, JsonNode>> actual) {
        List<String> diffs = new ArrayList<>();
        List<String> topics = actual.stream().map(Map.Entry::getKey).toList();
        if (!counts(topics).equals(counts(expected))) {
            diffs.add("events: expected " + expected + " but got " + topics);
        } else if (!perWatcher(topics).equals(perWatcher(expected))) {
            diffs.add("event order per watcher: expected " + perWatcher(expected) + " but got " + perWatcher(topics));
        }
        for (Map.Entry<String, JsonNode> ev : actual) {
            String name = ev.getKey().substring(ev.getKey().lastIndexOf('.') + 1);
            JsonNode example = CATALOG.path(name).path("body_example");
            if (example.isMissingNode()) {
                diffs.add("event " + ev.getKey() + " is not one circusd publishes");
            } else {
                JsonShape.differences(example, ev.getValue()).forEach(d -> diffs.add("event " + ev.getKey() + " " + d));
            }
        }
        return diffs;
    }

    private static Map<String, List<String>> perWatcher(List<String> topics) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : topics) {
            int last = t.lastIndexOf('.');
            out.computeIfAbsent(t.substring(0, last), k -> new ArrayList<>()).add(t.substring(last + 1));
        }
        return new java.util.TreeMap<>(out);
    }

    private static Map<String, Integer> counts(List<String> topics) {
        Map<String, Integer> m = new HashMap<>();
        topics.forEach(t -> m.merge(t, 1, Integer::sum));
        return m;
    }

    /** Every watcher active at its target or stopped with no process, as after the recorder's pauses. */
    void waitUntilSettled() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(this::settled);
    }

    private boolean settled() {
        if (node.node.isStopped()) {
            return true;
        }
        Reply status = node.call("status");
        for (Map.Entry<String, JsonNode> e : status.get("statuses").properties()) {
            String state = e.getValue().asText();
            int tracked = node.call("numprocesses", Map.of("name", e.getKey())).get("numprocesses").asInt();
            if (state.equals("stopped") && tracked == 0) {
                continue;
            }
            int target = node.call("get", Map.of("name", e.getKey(), "keys", List.of("numprocesses")))
                    .get("options").get("numprocesses").asInt();
            if (!state.equals("active") || tracked != target) {
                return false;
            }
        }
        return true;
    }

    private ZMQ.Socket openDealer() {
        return RawDealer.open(zmq, node.node.endpoint(), RawDealer.CIRCUS_PROBE);
    }

    @Override
    public void close() {
        zmq.close();
    }
}
