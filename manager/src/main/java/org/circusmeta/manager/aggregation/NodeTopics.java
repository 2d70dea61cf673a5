package org.circusmeta.manager.aggregation;

import java.nio.charset.StandardCharsets;
import org.circusmeta.protocol.stream.StatsSample;
import org.circusmeta.protocol.stream.WatcherEvent;

/**
 * How one node's messages are republished on the manager's sockets (docs/cluster-endpoint.md,
 * docs/protocol.md): {@code watcher.W.EVENT} becomes {@code watcher.NODE:W.EVENT}, {@code stat.W[.PID]} becomes
 * {@code stat.NODE:W[.PID]} (the daemon's {@code circus} included), and {@code "node": NODE} goes
 * first into the body, whose other bytes are kept as they came. Node names have no dots (docs/registry.md), so
 * the topics split as circus-top expects.
 *
 * <p>A body counts as a JSON object when its first and last non-blank bytes are braces: parsing every
 * message to be sure would cost more than the rest of the relay together.
 *
 * <p>Immutable and thread-safe.
 */
final class NodeTopics {
    private static final int STAT = StatsSample.PREFIX.length();
    private static final int WATCHER = WatcherEvent.PREFIX.length();
    private static final String SOCKETS = "sockets";

    private final String node;
    private final byte[] statPrefix;
    private final byte[] eventPrefix;
    private final byte[] nodeField;

    NodeTopics(String node) {
        this.node = node;
        this.statPrefix = ascii(StatsSample.PREFIX + node + ":");
        this.eventPrefix = ascii(WatcherEvent.PREFIX + node + ":");
        // Node names are [A-Za-z0-9_-]: nothing to escape.
        this.nodeField = ascii("\"node\": \"" + node + "\"");
    }

    String node() {
        return node;
    }

    /** {@code stat.sockets} and {@code stat.sockets.FD}: never republished as {@code stat.NODE:sockets}. */
    static boolean isSocketStat(String topic) {
        return topic.startsWith(SOCKETS, STAT)
                && (topic.length() == STAT + SOCKETS.length() || topic.charAt(STAT + SOCKETS.length()) == '.');
    }

    /** {@code stat.W} without a pid: a watcher's (or the daemon's) aggregate. */
    static boolean isAggregate(String topic) {
        return topic.indexOf('.', STAT) < 0;
    }

    /** The watcher of a {@code stat.W[.PID]} topic. */
    static String statWatcher(String topic) {
        int dot = topic.indexOf('.', STAT);
        return dot < 0 ? topic.substring(STAT) : topic.substring(STAT, dot);
    }

    byte[] statTopic(String topic) {
        return prefixed(statPrefix, topic, STAT);
    }

    byte[] eventTopic(String topic) {
        return prefixed(eventPrefix, topic, WATCHER);
    }

    /** The body with {@code "node": NODE} first; call only when {@link #isObject} holds. */
    byte[] withNode(byte[] body) {
        int open = firstNonBlank(body);
        boolean empty = body[nextNonBlank(body, open + 1)] == '}';
        int separator = empty ? 0 : 2;
        byte[] out = new byte[body.length + nodeField.length + separator];
        System.arraycopy(body, 0, out, 0, open + 1);
        System.arraycopy(nodeField, 0, out, open + 1, nodeField.length);
        int at = open + 1 + nodeField.length;
        if (!empty) {
            out[at++] = ',';
            out[at++] = ' ';
        }
        System.arraycopy(body, open + 1, out, at, body.length - open - 1);
        return out;
    }

    static boolean isObject(byte[] body) {
        int first = firstNonBlank(body);
        if (first >= body.length || body[first] != '{') {
            return false;
        }
        int last = body.length - 1;
        while (last > first && isBlank(body[last])) {
            last--;
        }
        return last > first && body[last] == '}';
    }

    private static byte[] prefixed(byte[] prefix, String topic, int from) {
        int length = topic.length() - from;
        byte[] out = new byte[prefix.length + length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        for (int i = 0; i < length; i++) {
            char c = topic.charAt(from + i);
            if (c >= 0x80) {
                return slowPrefixed(prefix, topic, from);
            }
            out[prefix.length + i] = (byte) c;
        }
        return out;
    }

    private static byte[] slowPrefixed(byte[] prefix, String topic, int from) {
        byte[] rest = topic.substring(from).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(rest, 0, out, prefix.length, rest.length);
        return out;
    }

    private static int firstNonBlank(byte[] body) {
        return nextNonBlank(body, 0);
    }

    private static int nextNonBlank(byte[] body, int from) {
        int i = from;
        while (i < body.length && isBlank(body[i])) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
