package org.circusmeta.protocol.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.circusmeta.protocol.MalformedMessageException;

/**
 * Reads what a logs server sends (docs/logs.md) into the client's values.
 *
 * <p>Stateless and thread-safe.
 */
final class LogsDecoding {
    private LogsDecoding() {}

    static boolean isOk(ObjectNode reply) {
        return "ok".equals(reply.path("status").asText());
    }

    /**
     * The lines of a run ({@code tail} or {@code follow} reply, {@code lines} push).
     *
     * @throws MalformedMessageException when a line is not of the protocol's form
     */
    static List<LogLine> lines(ObjectNode message, Optional<String> node) {
        String watcher = message.path("watcher").asText();
        String epoch = message.path("epoch").asText();
        JsonNode array = message.path("lines");
        if (!array.isArray()) {
            throw new MalformedMessageException("a run of lines without a \"lines\" array");
        }
        List<LogLine> out = new ArrayList<>(array.size());
        for (JsonNode l : array) {
            JsonNode pid = l.path("pid");
            LogStream stream = LogStream.parse(l.path("stream").asText())
                    .orElseThrow(() -> new MalformedMessageException("a line whose stream is " + l.path("stream")));
            if (!l.path("seq").isIntegralNumber() || !l.path("line").isTextual()) {
                throw new MalformedMessageException("a line without seq or text: " + l);
            }
            out.add(new LogLine(node, watcher, l.path("seq").asLong(), epoch,
                    pid.isIntegralNumber() && pid.asLong() > 0 ? OptionalLong.of(pid.asLong()) : OptionalLong.empty(),
                    stream, l.path("time").asDouble(), l.path("line").textValue()));
        }
        return out;
    }

    static List<Unreadable> unreadable(JsonNode message) {
        List<Unreadable> out = new ArrayList<>();
        for (JsonNode u : message.path("unreadable")) {
            Optional<LogStream> stream = LogStream.parse(u.path("stream").asText());
            if (stream.isEmpty()) {
                continue;
            }
            List<String> fix = new ArrayList<>();
            u.path("fix").forEach(f -> fix.add(f.asText()));
            out.add(new Unreadable(stream.get(), u.path("reason").asText(), fix));
        }
        return out;
    }

    static Refusal refusal(ObjectNode reply) {
        return new Refusal(reply.path("code").asText("error"), reply.path("reason").asText("(no reason given)"),
                unreadable(reply));
    }

    static Tail tail(String watcher, ObjectNode reply, Optional<String> node) {
        if (!isOk(reply)) {
            return new Tail(watcher, "", 0, List.of(), 0, List.of(), Optional.of(refusal(reply)));
        }
        return new Tail(reply.path("watcher").asText(watcher), reply.path("epoch").asText(), reply.path("last").asLong(),
                lines(reply, node), reply.path("omitted").asInt(0), unreadable(reply), Optional.empty());
    }

    static LogsInfo info(ObjectNode reply) {
        List<LogsInfo.Watcher> watchers = new ArrayList<>();
        for (JsonNode w : reply.path("watchers")) {
            watchers.add(new LogsInfo.Watcher(w.path("name").asText(), w.path("epoch").asText(), w.path("last").asLong(),
                    w.path("kept").asInt(), unreadable(w)));
        }
        return new LogsInfo(reply.path("server").asText(), reply.path("keep").path("lines").asInt(),
                reply.path("keep").path("bytes").asLong(), watchers);
    }
}
