package org.circusmeta.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** A request a daemon cannot run; carries the error reply circusd would send back. */
public final class MalformedRequestException extends CircusException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final transient JsonNode id;

    public MalformedRequestException(Errno errno, String reason, JsonNode id) {
        super(reason);
        this.errno = errno;
        this.id = id;
    }

    public Errno errno() {
        return errno;
    }

    /** The error reply to send, addressed to the request's id (null when unknown). */
    public Reply toReply() {
        return Reply.error(getMessage(), errno).withId(id);
    }
}
