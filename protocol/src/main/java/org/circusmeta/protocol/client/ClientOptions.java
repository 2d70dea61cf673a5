package org.circusmeta.protocol.client;

import java.time.Duration;

/**
 * How a {@link CircusClient} behaves.
 *
 * @param timeout deadline of a call when the caller gives none (circusctl's default: 5 s)
 * @param retryBusy retry a reply {@code arbiter is already running …} (errno 5) until the deadline
 * @param busyBackoff first pause before such a retry; it doubles, up to {@code 8 ×} this value
 * @param highWaterMark messages queued per direction before sends wait in the client's own queue
 * @param reconnectInterval ZeroMQ's pause between reconnection attempts to a daemon that went away
 * @param maxMessageSize bytes a reply may have (ZeroMQ's maximum message size): a bigger one makes ZeroMQ drop
 *     the connection before it is read, and the client connects again; -1 for no bound
 */
public record ClientOptions(Duration timeout, boolean retryBusy, Duration busyBackoff, int highWaterMark,
        Duration reconnectInterval, long maxMessageSize) {

    public static final ClientOptions DEFAULTS =
            new ClientOptions(Duration.ofSeconds(5), true, Duration.ofMillis(20), 10_000, Duration.ofMillis(100), -1);

    public ClientOptions {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a call timeout must be positive, got " + timeout);
        }
        if (highWaterMark < 1) {
            throw new IllegalArgumentException("the high-water mark must be at least 1, got " + highWaterMark);
        }
    }

    public ClientOptions withTimeout(Duration newTimeout) {
        return new ClientOptions(newTimeout, retryBusy, busyBackoff, highWaterMark, reconnectInterval, maxMessageSize);
    }

    public ClientOptions withRetryBusy(boolean retry) {
        return new ClientOptions(timeout, retry, busyBackoff, highWaterMark, reconnectInterval, maxMessageSize);
    }

    public ClientOptions withMaxMessageSize(long bytes) {
        return new ClientOptions(timeout, retryBusy, busyBackoff, highWaterMark, reconnectInterval, bytes);
    }
}
