package org.circusmeta.protocol.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a {@link LogsEndpoint} keeps and serves.
 *
 * <p>Immutable. Start from {@link #DEFAULTS} and change what differs.
 *
 * @param keepLines lines kept per watcher (circusmeta-node's {@code logs_keep})
 * @param keepBytes characters of text kept per watcher (one per byte of ASCII), whatever the line count
 * @param lease how long a follow lives without being renewed; followers renew at a third of it
 * @param maxFollows follows served at once; one more is refused with {@link Refusal#TOO_MANY_FOLLOWS}
 * @param highWaterMark messages queued per follower connection; a follower so far behind is dropped
 *     (it resumes from its last line when it renews, if those lines are still kept)
 */
public record LogsOptions(int keepLines, long keepBytes, Duration lease, int maxFollows, int highWaterMark) {
    public static final int DEFAULT_KEEP_LINES = 1_000;
    public static final long DEFAULT_KEEP_BYTES = 1L << 20;
    public static final LogsOptions DEFAULTS = new LogsOptions(DEFAULT_KEEP_LINES, DEFAULT_KEEP_BYTES,
            Duration.ofSeconds(15), 256, 100);

    /** @throws IllegalArgumentException naming the value out of range */
    public LogsOptions {
        if (keepLines < 1 || keepLines > LogQuery.MAX_LINES) {
            throw new IllegalArgumentException("logs_keep must be 1 to " + LogQuery.MAX_LINES + " lines, got " + keepLines);
        }
        if (keepBytes < 1024) {
            throw new IllegalArgumentException("logs_keep_bytes must be at least 1024, got " + keepBytes);
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("the follow lease must be at least 100 ms, got " + lease);
        }
        if (maxFollows < 1 || highWaterMark < 1) {
            throw new IllegalArgumentException("maxFollows and highWaterMark must be at least 1");
        }
    }

    public LogsOptions withKeep(int lines, long bytes) {
        return new LogsOptions(lines, bytes, lease, maxFollows, highWaterMark);
    }

    public LogsOptions withLease(Duration d) {
        return new LogsOptions(keepLines, keepBytes, d, maxFollows, highWaterMark);
    }

    public LogsOptions withHighWaterMark(int messages) {
        return new LogsOptions(keepLines, keepBytes, lease, maxFollows, messages);
    }

    public LogsOptions withMaxFollows(int n) {
        return new LogsOptions(keepLines, keepBytes, lease, n, highWaterMark);
    }
}
