package org.circusmeta.registration.registrar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.QualifiedName;

/**
 * A request at {@code /renames/<from>} (docs/registry.md, "Renames"): {@code {"name": "<to>"}},
 * written by the manager or the CLI. Either a valid new name, or the reason it cannot be followed.
 *
 * <p>Immutable.
 */
record RenameRequest(String from, Optional<String> to, String problem) {

    static RenameRequest parse(String from, byte[] data) {
        String text;
        try {
            JsonNode value = CircusJson.readObject(data == null ? new byte[0] : data).path("name");
            text = value.isTextual() ? value.textValue() : "";
        } catch (MalformedMessageException e) {
            return refused(from, "it is not JSON; write {\"name\": \"NEW\"}");
        }
        if (text.isEmpty()) {
            return refused(from, "it names no new name; write {\"name\": \"NEW\"}");
        }
        if (!QualifiedName.isValidNodeName(text)) {
            return refused(from, "'" + text + "' is not a valid node name (1 to 63 letters, digits, '-' or '_',"
                    + " starting with a letter or digit)");
        }
        return new RenameRequest(from, Optional.of(text), "");
    }

    private static RenameRequest refused(String from, String problem) {
        return new RenameRequest(from, Optional.empty(), problem);
    }
}
