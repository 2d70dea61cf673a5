package org.circusmeta.protocol;

import java.util.Optional;

/** The {@code errno} values of circus error replies (circus/exc.py; docs/protocol.md, "Replies"). */
public enum Errno {
    /** circusd's default, never seen on the wire. */
    NONE(0),
    INVALID_JSON(1),
    UNKNOWN_COMMAND(2),
    MESSAGE_ERROR(3),
    OS_ERROR(4),
    COMMAND_ERROR(5),
    BAD_MSG_DATA_ERROR(6);

    private final int code;

    Errno(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Errno> of(int code) {
        for (Errno e : values()) {
            if (e.code == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
