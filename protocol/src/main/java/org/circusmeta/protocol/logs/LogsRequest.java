package org.circusmeta.protocol.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;

/**
 * One request to a logs server, read (docs/logs.md): {@code {"v": 1, "id", "type", ...}} with
 * {@code type} one of {@code info}, {@code tail}, {@code follow}, {@code unfollow}.
 *
 * <p>Immutable.
 *
 * @param id copied into the reply; null when the request had none usable
 * @param type what is asked
 * @param query for tail and follow: the watcher and what of it
 * @param follow for follow and unfollow: the follow's id, chosen by the client
 * @param since for follow: the epoch and number of the last line the follower has
 */
record LogsRequest(String id, String type, Optional<LogQuery> query, Optional<String> follow, Optional<Since> since) {
    /** The last line a follower has: resume after it when the epoch is still the same. */
    record Since(String epoch, long seq) {}

    /** What a message read as a request is. */
    sealed interface Parsed permits Valid, Refused {}

    /** A request to serve. */
    record Valid(LogsRequest request) implements Parsed {}

    /** A JSON object that is not a request this server serves: the refusal to answer it with. */
    record Refused(String id, String type, Refusal refusal) implements Parsed {}

    /** Checking stops at the first problem: this carries it out of the field readers. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Refused refused;

        Invalid(String id, String type, String code, String reason) {
            super(reason, null, false, false);
            this.refused = new Refused(id, type, new Refusal(code, reason, List.of()));
        }
    }

    /**
     * Reads a request.
     *
     * @throws MalformedMessageException when the bytes are not a JSON object (nothing to answer)
     */
    static Parsed parse(byte[] body) {
        try {
            return new Valid(read(CircusJson.readObject(body)));
        } catch (Invalid e) {
            return e.refused;
        }
    }

    private static LogsRequest read(ObjectNode json) {
        JsonNode idNode = json.path("id");
        String id = idNode.isTextual() && LogsWire.isValidId(idNode.textValue()) ? idNode.textValue() : null;
        String type = json.path("type").asText("");
        if (json.path("v").asInt(-1) != LogsWire.VERSION) {
            throw new Invalid(id, type, Refusal.UNSUPPORTED_VERSION, "this server speaks version " + LogsWire.VERSION
                    + " of the logs protocol; the request says " + json.path("v"));
        }
        if (id == null) {
            throw new Invalid(null, type, Refusal.BAD_REQUEST, "a request needs an \"id\": 1 to 64 letters, digits, _ . : -");
        }
        return switch (type) {
            case "info" -> new LogsRequest(id, type, Optional.empty(), Optional.empty(), Optional.empty());
            case "tail" -> new LogsRequest(id, type, Optional.of(query(json, id, type)), Optional.empty(), Optional.empty());
            case "follow" -> new LogsRequest(id, type, Optional.of(query(json, id, type)), Optional.of(followId(json, id, type)),
                    since(json, id, type));
            case "unfollow" -> new LogsRequest(id, type, Optional.empty(), Optional.of(followId(json, id, type)),
                    Optional.empty());
            default -> throw new Invalid(id, type, Refusal.BAD_REQUEST, "unknown request type '" + type
                    + "': use info, tail, follow or unfollow");
        };
    }

    private static LogQuery query(ObjectNode json, String id, String type) {
        JsonNode watcher = json.path("watcher");
        if (!watcher.isTextual() || watcher.textValue().isEmpty()) {
            throw new Invalid(id, type, Refusal.BAD_REQUEST, "a " + type + " request needs \"watcher\": the watcher's name");
        }
        OptionalLong pid = OptionalLong.empty();
        JsonNode p = json.path("pid");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.canConvertToLong() || !p.isIntegralNumber() || p.asLong() <= 0) {
                throw new Invalid(id, type, Refusal.BAD_REQUEST, "\"pid\" must be a process id (a positive integer), got " + p);
            }
            pid = OptionalLong.of(p.asLong());
        }
        Optional<LogStream> stream = Optional.empty();
        JsonNode s = json.path("stream");
        if (!s.isMissingNode() && !s.isNull()) {
            stream = LogStream.parse(s.asText());
            if (stream.isEmpty()) {
                throw new Invalid(id, type, Refusal.BAD_REQUEST, "\"stream\" must be \"stdout\" or \"stderr\", got " + s);
            }
        }
        JsonNode n = json.path("lines");
        int lines = 0;
        if (!n.isMissingNode() && !n.isNull()) {
            if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > LogQuery.MAX_LINES) {
                throw new Invalid(id, type, Refusal.BAD_REQUEST, "\"lines\" must be 0 to " + LogQuery.MAX_LINES + ", got " + n);
            }
            lines = n.asInt();
        } else if (type.equals("tail")) {
            lines = 100;
        }
        return new LogQuery(watcher.textValue(), pid, stream, lines);
    }

    private static String followId(ObjectNode json, String id, String type) {
        String follow = json.path("follow").asText("");
        if (!LogsWire.isValidId(follow)) {
            throw new Invalid(id, type, Refusal.BAD_REQUEST, "a " + type + " request needs \"follow\": an id of 1 to 64"
                    + " letters, digits, _ . : - chosen by the client");
        }
        return follow;
    }

    private static Optional<Since> since(ObjectNode json, String id, String type) {
        JsonNode since = json.path("since");
        if (since.isMissingNode() || since.isNull()) {
            return Optional.empty();
        }
        if (!since.path("epoch").isTextual() || !since.path("seq").isIntegralNumber() || since.path("seq").asLong() < 0) {
            throw new Invalid(id, type, Refusal.BAD_REQUEST, "\"since\" must be {\"epoch\": string, \"seq\": integer >= 0}, got "
                    + since);
        }
        return Optional.of(new Since(since.path("epoch").textValue(), since.path("seq").asLong()));
    }
}
