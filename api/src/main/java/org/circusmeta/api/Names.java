package org.circusmeta.api;

/**
 * The name rules the API checks, as patterns for Jakarta validation: a node name has no dot and no
 * colon (both separate parts of a qualified name, {@code NODE:WATCHER}), a watcher name no colon.
 */
public final class Names {
    public static final String NODE = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}";
    public static final String NODE_MESSAGE =
            "must be a node name: 1 to 63 letters, digits, '-' or '_', starting with a letter or digit";
    // No colon (it qualifies a watcher with its node), no slash, no glob characters.
    public static final String WATCHER = "[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}";
    public static final String WATCHER_MESSAGE = "must be a watcher name: letters, digits, '_', '.', '@', '+' or '-',"
            + " no colon, at most 128 characters";

    private Names() {}
}
