package org.circusmeta.manager.aggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.circusmeta.protocol.CircusJson;

/**
 * One event of one node, as {@code GET /api/events} streams it: {@code {"node", "watcher", "event",
 * "body"}}, the body as the node sent it.
 *
 * <p>Immutable as long as nobody changes {@code body}, which is shared, not copied.
 */
public record RelayEvent(String node, String watcher, String event, byte[] body) {

    /** @throws org.circusmeta.protocol.MalformedMessageException when the body is not a JSON object */
    public String toJson() {
        ObjectNode json = CircusJson.object();
        json.put("node", node);
        json.put("watcher", watcher);
        json.put("event", event);
        json.set("body", CircusJson.readObject(body));
        return CircusJson.writeString(json);
    }
}
