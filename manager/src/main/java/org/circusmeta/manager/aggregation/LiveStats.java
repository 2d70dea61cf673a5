package org.circusmeta.manager.aggregation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.manager.nodes.LiveLoad;
import org.circusmeta.protocol.CircusJson;

/**
 * Each node's and watcher's live usage, kept from the aggregate {@code stat.W} messages of the stats
 * streams. A watcher that has not reported for {@code expireAfter} is forgotten (it was removed, or
 * its node stopped publishing); a node's figures go when it detaches. The relay thread records, and
 * publishes an immutable {@link ClusterStats} now and then; readers take the latest one without a
 * lock, so reading costs nothing on the request and placement paths.
 *
 * <p>Thread-safe: {@link #current()} and {@link #usage} from any thread; {@link #record},
 * {@link #forget} and {@link #publish} confined to the relay thread.
 */
public final class LiveStats implements LiveLoad {
    private record Sample(Figures figures, long atNanos, Instant at) {}

    /** Nodes send a watcher's aggregate once a second; reading more often than this would only cost. */
    private static final long MIN_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final long expireAfterNanos;
    private final AtomicReference<ClusterStats> current = new AtomicReference<>(ClusterStats.EMPTY);

    // Relay-thread state.
    private final Map<String, Map<String, Sample>> nodes = new HashMap<>();
    private boolean dirty;

    public LiveStats(Duration expireAfter) {
        this.expireAfterNanos = expireAfter.toNanos();
    }

    /** The latest snapshot; never null. */
    public ClusterStats current() {
        return current.get();
    }

    @Override
    public Optional<Usage> usage(String node) {
        return current.get().node(node).map(n -> new Usage(n.total().cpu(), n.total().mem()));
    }

    /**
     * Keeps a watcher's aggregate ({@code {"pid": [...], "cpu": MEAN, "mem": SUM, ...}}); one that comes
     * within 100 ms of the last one kept for that watcher is not even read.
     *
     * @return false when the body could not be read (it is not kept)
     */
    boolean record(String node, String watcher, byte[] aggregate, long nowNanos) {
        Map<String, Sample> watchers = nodes.get(node);
        Sample last = watchers == null ? null : watchers.get(watcher);
        if (last != null && nowNanos - last.atNanos() < MIN_INTERVAL_NANOS) {
            return true;
        }
        Figures figures;
        try {
            figures = read(aggregate);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        nodes.computeIfAbsent(node, n -> new HashMap<>()).put(watcher, new Sample(figures, nowNanos, Instant.now()));
        dirty = true;
        return true;
    }

    void forget(String node) {
        dirty |= nodes.remove(node) != null;
    }

    /** Forgets what expired, and publishes a new snapshot when anything changed. */
    void publish(long nowNanos) {
        for (Iterator<Map<String, Sample>> byNode = nodes.values().iterator(); byNode.hasNext(); ) {
            Map<String, Sample> watchers = byNode.next();
            dirty |= watchers.values().removeIf(s -> nowNanos - s.atNanos() > expireAfterNanos);
            if (watchers.isEmpty()) {
                byNode.remove();
            }
        }
        if (!dirty) {
            return;
        }
        dirty = false;
        SortedMap<String, NodeStats> snapshot = new TreeMap<>();
        nodes.forEach((node, watchers) -> snapshot.put(node, summarise(node, watchers)));
        current.set(new ClusterStats(snapshot, Instant.now()));
    }

    private static NodeStats summarise(String node, Map<String, Sample> watchers) {
        SortedMap<String, Figures> figures = new TreeMap<>();
        Figures total = Figures.ZERO;
        Instant newest = Instant.EPOCH;
        for (Map.Entry<String, Sample> w : new TreeMap<>(watchers).entrySet()) {
            figures.put(w.getKey(), w.getValue().figures());
            total = total.plus(w.getValue().figures());
            newest = w.getValue().at().isAfter(newest) ? w.getValue().at() : newest;
        }
        return new NodeStats(node, total, figures, newest);
    }

    /** Reads an aggregate body without building a tree; figures sent as {@code "N/A"} count as 0. */
    static Figures read(byte[] body) throws IOException {
        double cpu = 0;
        double mem = 0;
        int processes = 0;
        try (JsonParser parser = CircusJson.mapper().getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "cpu" -> cpu = number(parser, value);
                    case "mem" -> mem = number(parser, value);
                    case "pid" -> processes = count(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }
        return new Figures(cpu * processes, mem, processes);
    }

    private static double number(JsonParser parser, JsonToken value) throws IOException {
        return value.isNumeric() && Double.isFinite(parser.getDoubleValue()) ? parser.getDoubleValue() : 0;
    }

    private static int count(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return 0;
        }
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            n++;
        }
        return n;
    }
}
