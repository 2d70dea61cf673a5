package org.circusmeta.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transcripts recorded from a real circusd 0.19.0, read from this jar's
 * {@code circus-protocol/} resources (see the README there).
 */
public final class Vectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The control-socket transcripts. */
    public static final List<String> CONTROL_FILES = List.of(
            "control-queries.json", "control-lifecycle.json", "errors.json", "control-extra.json",
            "control-arbiter.json", "malformed.json");

    private Vectors() {}

    /**
     * One request/reply exchange.
     *
     * @param file the transcript it comes from
     * @param label what the recorder did
     * @param request the request object, or empty when raw frames were sent instead
     * @param rawFrames the frames sent, when the recorder sent raw frames
     * @param reply the reply, or empty when none came back
     * @param events the pubsub messages seen after it ({@code topic}, {@code body})
     */
    public record Exchange(String file, String label, Optional<JsonNode> request, List<String> rawFrames,
            Optional<JsonNode> reply, List<JsonNode> events) {

        /** The request as bytes on the wire: the raw frame, or the request object as circusctl encodes it. */
        public boolean isRaw() {
            return request.isEmpty();
        }

        public String command() {
            return request.map(r -> r.path("command").asText()).orElse("");
        }

        @Override
        public String toString() {
            return file + ": " + label;
        }
    }

    public static JsonNode read(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/circus-protocol/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript named " + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/circus-protocol/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no file named " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Exchange> exchanges(String file) {
        List<Exchange> out = new ArrayList<>();
        for (JsonNode e : read(file).path("exchanges")) {
            JsonNode req = e.path("request");
            Optional<JsonNode> request = req.isObject() ? Optional.of(req) : Optional.empty();
            List<String> raw = new ArrayList<>();
            if (req.isArray()) {
                req.forEach(f -> raw.add(f.asText()));
            } else if (e.has("raw_request_frames")) {
                e.get("raw_request_frames").forEach(f -> raw.add(f.asText()));
            }
            JsonNode reply = e.path("reply");
            List<JsonNode> events = new ArrayList<>();
            e.path("events").forEach(events::add);
            out.add(new Exchange(file, e.path("label").asText(), request, raw,
                    reply.isObject() ? Optional.of(reply) : Optional.empty(), events));
        }
        return out;
    }

    public static List<Exchange> allControlExchanges() {
        List<Exchange> out = new ArrayList<>();
        CONTROL_FILES.forEach(f -> out.addAll(exchanges(f)));
        return out;
    }

    /** The stats messages of {@code stats-stream.json}: each has {@code topic} and {@code body}. */
    public static List<JsonNode> statsSamples() {
        List<JsonNode> out = new ArrayList<>();
        read("stats-stream.json").path("samples").forEach(out::add);
        return out;
    }
}
