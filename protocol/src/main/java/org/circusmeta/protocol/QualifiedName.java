package org.circusmeta.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A watcher as the whole cluster addresses it (docs/registry.md, "Names"): {@code NODE:WATCHER}, or a bare
 * {@code WATCHER} meaning "on every node that has it" ("let the manager choose" for {@code add}).
 * Also the rule for node names: {@code [A-Za-z0-9][A-Za-z0-9_-]{0,62}}, no dots and no colons,
 * because both are separators in topics and qualified names.
 *
 * <p>Immutable and thread-safe.
 *
 * @param node the node, when the name is qualified
 * @param watcher the watcher name on that node (it may itself contain colons)
 */
public record QualifiedName(Optional<String> node, String watcher) {
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    /** @throws IllegalArgumentException for an empty watcher or an invalid node name */
    public QualifiedName {
        Objects.requireNonNull(node, "node (Optional.empty() for a bare watcher name)");
        if (watcher == null || watcher.isEmpty()) {
            throw new IllegalArgumentException("a watcher name cannot be empty");
        }
        node.ifPresent(QualifiedName::requireNodeName);
    }

    /** {@code NODE:WATCHER}; the node name must be valid. */
    public static QualifiedName of(String node, String watcher) {
        return new QualifiedName(Optional.of(node), watcher);
    }

    /** A watcher name without a node. */
    public static QualifiedName bare(String watcher) {
        return new QualifiedName(Optional.empty(), watcher);
    }

    /**
     * Reads {@code NODE:WATCHER} or {@code WATCHER}. Only the part before the first colon can be a
     * node, and only if it is a valid node name; otherwise the whole text is a bare watcher name.
     */
    public static QualifiedName parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a watcher name cannot be empty");
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            String node = text.substring(0, colon);
            if (isValidNodeName(node)) {
                return of(node, text.substring(colon + 1));
            }
        }
        return bare(text);
    }

    /** True when a node is named. */
    public boolean isQualified() {
        return node.isPresent();
    }

    @Override
    public String toString() {
        return node.map(n -> n + ":" + watcher).orElse(watcher);
    }

    /** True for a valid node name: 1 to 63 letters, digits, {@code -} or {@code _}, the first a letter or digit. */
    public static boolean isValidNodeName(String name) {
        return name != null && NODE_NAME.matcher(name).matches();
    }

    /** @throws IllegalArgumentException naming the rule, when the name breaks it */
    public static String requireNodeName(String name) {
        if (!isValidNodeName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid node name: use 1 to 63 letters, digits,"
                    + " '-' or '_', starting with a letter or digit (no dots, no colons)");
        }
        return name;
    }

    /**
     * The default node name for a host: its short name (up to the first dot), every character outside
     * {@code [A-Za-z0-9_-]} turned into {@code -}, cut to 63 characters.
     */
    public static String nodeNameForHost(String hostName) {
        String shortName = hostName == null ? "" : hostName.strip();
        int dot = shortName.indexOf('.');
        if (dot > 0) {
            shortName = shortName.substring(0, dot);
        }
        StringBuilder out = new StringBuilder(shortName.length());
        for (char c : shortName.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            out.append(ok ? c : '-');
        }
        String name = out.length() > 63 ? out.substring(0, 63) : out.toString();
        if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
            name = "node" + name;
            name = name.length() > 63 ? name.substring(0, 63) : name;
        }
        return name;
    }
}
