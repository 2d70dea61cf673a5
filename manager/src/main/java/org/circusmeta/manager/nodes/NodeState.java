package org.circusmeta.manager.nodes;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A node as {@code GET /api/nodes} shows it (the README's CLI section says what each means). */
public enum NodeState {
    /** Registered and valid; its connection is open but it has not answered yet. */
    ATTACHING,
    /** Answers commands. */
    ATTACHED,
    /** Registered, but its endpoint stopped answering; probed until it answers again. */
    UNREACHABLE,
    /** Registered, but an operator dropped its connection (the {@code detach} task). */
    DETACHED,
    /** Its record failed validation (docs/registry.md); never attached. */
    INVALID;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Worth sending a command to: it answered lately, or it is being attached. */
    public boolean isCallable() {
        return this == ATTACHING || this == ATTACHED;
    }
}
