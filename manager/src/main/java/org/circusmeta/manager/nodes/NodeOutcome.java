package org.circusmeta.manager.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;

/**
 * What came of one command on one node: the reply as the node sent it, or why there is none. As
 * JSON, a failure reads like a circus error reply: {@code {"status": "error", "reason": "timeout"}}.
 *
 * <p>Immutable.
 */
public sealed interface NodeOutcome permits NodeOutcome.Answered, NodeOutcome.Failed {

    String node();

    ObjectNode toJson();

    default Optional<Reply> answer() {
        return this instanceof Answered answered ? Optional.of(answered.reply()) : Optional.empty();
    }

    record Answered(String node, Reply reply) implements NodeOutcome {
        @Override
        public ObjectNode toJson() {
            return reply.toJson();
        }
    }

    record Failed(String node, Failure failure) implements NodeOutcome {
        @Override
        public ObjectNode toJson() {
            ObjectNode json = CircusJson.object();
            json.put("status", "error");
            json.put("reason", failure.reason());
            return json;
        }
    }

    /** Why a node gave no reply; {@link #reason()} is the word put in the result. */
    enum Failure {
        /** It did not answer before the deadline. */
        TIMEOUT("timeout"),
        /** It was already known not to answer, so nothing was sent. */
        UNREACHABLE("unreachable"),
        /** An operator detached it; nothing was sent. */
        DETACHED("detached"),
        /** Its registry record is invalid; nothing was sent. */
        INVALID("invalid"),
        /** It left the registry before it answered. */
        GONE("gone");

        private final String reason;

        Failure(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
