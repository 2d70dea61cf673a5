package org.circusmeta.manager.registry;

import java.util.Optional;
import org.circusmeta.registration.record.NodeRecord;

/**
 * One child of {@code /nodes} as last read: its name, the znode version that was read (the
 * modification zxid, so that an unchanged record is never parsed twice), and the parsed record or
 * why it is invalid.
 *
 * <p>Immutable.
 */
public record RegisteredNode(String name, long modifiedZxid, NodeRecord.Parsed parsed) {

    public Optional<NodeRecord> record() {
        return parsed instanceof NodeRecord.Valid valid ? Optional.of(valid.record()) : Optional.empty();
    }

    public Optional<String> invalidReason() {
        return parsed instanceof NodeRecord.Invalid invalid ? Optional.of(invalid.reason()) : Optional.empty();
    }

    public boolean isValid() {
        return parsed instanceof NodeRecord.Valid;
    }
}
