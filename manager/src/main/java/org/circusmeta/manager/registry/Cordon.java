package org.circusmeta.manager.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;

/**
 * A node cordoned: it takes no new placement until it is uncordoned. Recorded by the managers as
 * {@code /eligibility/NAME} (PERSISTENT), outside the node's ephemeral record, so that it survives a
 * manager's restart and the node's re-registration (docs/registry.md shows the record):
 *
 * <pre>{"node": "web-01", "eligible": false, "cordoned_at": "2026-11-26T01:02:03.456Z",
 *  "cordoned_by": "ops through the HTTP API", "renamed_from": "web-00"}</pre>
 *
 * <p>{@code renamed_from} is set on the record written for a node's new name when a cordoned node is
 * renamed: the old name's record goes once the node has re-registered under the new one. A record
 * that cannot be read keeps its node cordoned: uncordoning deletes it.
 *
 * <p>Immutable. This class is the one place the record is written and read.
 */
public record Cordon(String node, Instant at, String by, Optional<String> renamedFrom) {

    /** The same cordon carried over to the node's new name. */
    public Cordon renamedTo(String newName) {
        return new Cordon(newName, at, by, Optional.of(node));
    }

    public byte[] toBytes() {
        ObjectNode json = CircusJson.object();
        json.put("node", node);
        json.put("eligible", false);
        json.put("cordoned_at", at.toString());
        json.put("cordoned_by", by);
        renamedFrom.ifPresent(from -> json.put("renamed_from", from));
        return CircusJson.write(json);
    }

    /**
     * Reads {@code /eligibility/NAME}.
     *
     * @return the cordon; empty when the record says the node is eligible after all
     * @throws IllegalArgumentException saying what is wrong, when it is not such a record
     */
    public static Optional<Cordon> parse(String znodeName, byte[] data) {
        ObjectNode json;
        try {
            json = CircusJson.readObject(data == null ? new byte[0] : data);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("it is not a JSON object (" + e.getMessage() + ")", e);
        }
        if (json.path("eligible").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode from = json.path("renamed_from");
        try {
            Instant at = json.path("cordoned_at").isTextual() ? Instant.parse(json.path("cordoned_at").asText()) : Instant.EPOCH;
            return Optional.of(new Cordon(znodeName, at, json.path("cordoned_by").asText(""),
                    from.isTextual() ? Optional.of(from.asText()) : Optional.empty()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'cordoned_at' is not an ISO-8601 instant", e);
        }
    }
}
