package org.circusmeta.protocol.logs;

import java.util.List;
import java.util.Objects;

/**
 * A logs server's "no" to a request: an expected outcome, returned as a value.
 *
 * <p>Immutable.
 *
 * @param code what kind of refusal (see the constants; docs/logs.md lists them)
 * @param reason in words an operator can act on
 * @param unreadable for {@link #NO_OUTPUT}: each output of the watcher, why it cannot be read, and the fix
 */
public record Refusal(String code, String reason, List<Unreadable> unreadable) {
    /** The server has no watcher of that name. */
    public static final String UNKNOWN_WATCHER = "unknown_watcher";
    /** The watcher exists, but none of its output can be read; {@link #unreadable()} says how to fix it. */
    public static final String NO_OUTPUT = "no_output";
    /** The request is malformed or asks for something the server cannot give. */
    public static final String BAD_REQUEST = "bad_request";
    /** The server follows as many watchers as it allows at once. */
    public static final String TOO_MANY_FOLLOWS = "too_many_follows";
    /** The request speaks a protocol version the server does not. */
    public static final String UNSUPPORTED_VERSION = "unsupported_version";

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        unreadable = List.copyOf(unreadable);
    }

    /** The reason, with the fix of every unreadable output. */
    public String describe() {
        StringBuilder out = new StringBuilder(reason);
        for (Unreadable u : unreadable) {
            if (!u.fix().isEmpty()) {
                out.append("; for ").append(u.stream().wireName()).append(": ").append(String.join(" / ", u.fix()));
            }
        }
        return out.toString();
    }
}
