package org.circusmeta.protocol.client;

/**
 * What a {@link CircusClient} has seen since it started.
 *
 * @param sent requests written to the socket (retries included)
 * @param replies replies handed to their callers
 * @param timeouts calls that reached their deadline without a reply
 * @param busyRetries {@code arbiter is already running} replies that were retried
 * @param malformed frames dropped because they were not a JSON object with an id
 * @param unmatched replies dropped because their id belonged to no call in flight (late or foreign)
 * @param reconnects times the socket was closed and opened again: after a call went unanswered, or
 *     when a TCP connection was not followed by its ZMTP handshake
 */
public record ClientCounters(
        long sent, long replies, long timeouts, long busyRetries, long malformed, long unmatched, long reconnects) {

    /** Replies dropped for any reason. */
    public long dropped() {
        return malformed + unmatched;
    }
}
