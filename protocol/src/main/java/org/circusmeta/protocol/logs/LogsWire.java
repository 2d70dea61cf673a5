package org.circusmeta.protocol.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON of the logs protocol, version {@value #VERSION} (docs/logs.md): what the server writes.
 * Plain UTF-8 JSON (not circusd's ASCII-only encoding: a line of text stays its own size), times as
 * Unix seconds with three decimals.
 *
 * <p>Stateless and thread-safe.
 */
final class LogsWire {
    static final int VERSION = 1;
    /** The largest request a server reads; bigger ones are dropped by ZeroMQ and counted. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** The largest message a client reads: a chunk of lines with every character escaped, and more. */
    static final long MAX_MESSAGE_BYTES = 16L << 20;
    /** Characters of line text in one push or follow reply; the rest goes in the next messages. */
    static final int CHUNK_CHARS = 256 * 1024;
    /** Characters of line text in one tail reply; older lines beyond it are left out and counted. */
    static final long TAIL_CHARS = 2L << 20;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final JsonFactory JSON = new JsonFactory();

    private LogsWire() {}

    /** Ids of requests and follows: 1 to 64 letters, digits, {@code _ . : -}. */
    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] encode(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a logs message in memory failed", e);
        }
        return out.toByteArray();
    }

    /** The fields every reply starts with. */
    static void replyHead(JsonGenerator g, String id, String type, boolean ok) throws IOException {
        g.writeNumberField("v", VERSION);
        if (id == null) {
            g.writeNullField("id");
        } else {
            g.writeStringField("id", id);
        }
        g.writeStringField("type", type);
        g.writeStringField("status", ok ? "ok" : "error");
    }

    /** {@code "watcher", "epoch", "after", "last", "lines": [...]}: a run of a watcher's log. */
    static void run(JsonGenerator g, WatcherLog log, long after, long last, List<WatcherLog.Entry> lines)
            throws IOException {
        g.writeStringField("watcher", log.name());
        g.writeStringField("epoch", log.epoch());
        g.writeNumberField("after", after);
        g.writeNumberField("last", last);
        g.writeArrayFieldStart("lines");
        for (WatcherLog.Entry e : lines) {
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            if (e.pid().isPresent()) {
                g.writeNumberField("pid", e.pid().getAsLong());
            }
            g.writeStringField("stream", e.stream().wireName());
            g.writeFieldName("time");
            g.writeNumber(seconds(e.time()));
            g.writeStringField("line", e.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void unreadable(JsonGenerator g, List<Unreadable> streams) throws IOException {
        if (streams.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("unreadable");
        for (Unreadable u : streams) {
            g.writeStartObject();
            g.writeStringField("stream", u.stream().wireName());
            g.writeStringField("reason", u.reason());
            g.writeArrayFieldStart("fix");
            for (String line : u.fix()) {
                g.writeString(line);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static byte[] refusal(String id, String type, Refusal refusal) {
        return encode(g -> {
            replyHead(g, id, type, false);
            g.writeStringField("code", refusal.code());
            g.writeStringField("reason", refusal.reason());
            unreadable(g, refusal.unreadable());
        });
    }

    /** A push of lines to one follow: {@code {"v", "type": "lines", ...run, "lost"?}}. */
    static byte[] push(WatcherLog log, long after, long last, long lost, List<WatcherLog.Entry> lines) {
        return encode(g -> {
            g.writeNumberField("v", VERSION);
            g.writeStringField("type", "lines");
            run(g, log, after, last, lines);
            if (lost > 0) {
                g.writeNumberField("lost", lost);
            }
        });
    }

    /** The same push addressed to a follow: {@code "follow"} put first, the rest shared by every follower. */
    static byte[] addressed(String follow, byte[] push) {
        byte[] head = ("{\"follow\":\"" + follow + "\",").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + push.length - 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(push, 1, out, head.length, push.length - 1);
        return out;
    }

    static byte[] end(String follow, String reason) {
        return encode(g -> {
            g.writeStringField("follow", follow);
            g.writeNumberField("v", VERSION);
            g.writeStringField("type", "end");
            g.writeStringField("reason", reason);
        });
    }

    static byte[] info(String id, String server, LogsOptions options, Collection<WatcherLog> logs) {
        return encode(g -> {
            replyHead(g, id, "info", true);
            g.writeStringField("server", server);
            g.writeObjectFieldStart("keep");
            g.writeNumberField("lines", options.keepLines());
            g.writeNumberField("bytes", options.keepBytes());
            g.writeEndObject();
            g.writeArrayFieldStart("watchers");
            for (WatcherLog log : logs) {
                g.writeStartObject();
                g.writeStringField("name", log.name());
                g.writeStringField("epoch", log.epoch());
                g.writeNumberField("last", log.lastSeq());
                g.writeNumberField("kept", log.size());
                unreadable(g, log.unreadable());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** Unix seconds with three decimals, as text: {@code 1795657655.409}. */
    static String seconds(double time) {
        long millis = Math.round(time * 1000);
        long whole = Math.floorDiv(millis, 1000);
        int frac = (int) Math.floorMod(millis, 1000);
        return whole + "." + (char) ('0' + frac / 100) + (char) ('0' + frac / 10 % 10) + (char) ('0' + frac % 10);
    }
}
