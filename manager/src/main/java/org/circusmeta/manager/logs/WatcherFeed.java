package org.circusmeta.manager.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.circusmeta.protocol.logs.Follow;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.LogsClient;

/**
 * One watcher followed for its readers (on every node, or on the one they named): one {@link Follow}
 * per node, whatever the number of readers, each node's new lines handed to every reader as they come,
 * so that one node's silence never holds another's lines. A node that does not have the watcher is
 * followed too, quietly, so that its lines come once it has it. Readers are told, as notices, of a node
 * that leaves, stops answering, answers again, loses lines, or cannot serve the watcher.
 *
 * <p>Thread-safe: lines come on the logs loop's thread, readers and nodes come and go on others; every
 * method is quick and never blocks (offers to a full reader drop it).
 */
final class WatcherFeed {
    private final String watcher;
    private final Optional<String> node;
    private final List<LogsReader> readers = new ArrayList<>();
    private final Map<String, Follow> follows = new LinkedHashMap<>();
    private final Set<String> lacking = new HashSet<>();
    private boolean closed;

    WatcherFeed(String watcher, Optional<String> node) {
        this.watcher = watcher;
        this.node = node;
    }

    String watcher() {
        return watcher;
    }

    /** True for a node this feed follows: every node, or the one its readers named. */
    boolean wants(String name) {
        return node.isEmpty() || node.get().equals(name);
    }

    synchronized void add(LogsReader reader) {
        readers.add(reader);
    }

    /** @return true when no reader is left */
    synchronized boolean remove(LogsReader reader) {
        readers.remove(reader);
        return readers.isEmpty();
    }

    /** Follows the watcher's new lines on the node, through its client; once per node. */
    synchronized void follow(String name, LogsClient client) {
        if (closed || follows.containsKey(name)) {
            return;
        }
        follows.put(name, client.follow(LogQuery.of(watcher, 0), new NodeLines(this, name)));
    }

    synchronized boolean follows(String name) {
        return follows.containsKey(name);
    }

    /** The node left the cluster: its follow ends, and the readers are told unless it never had the watcher. */
    synchronized void left(String name, String why) {
        Follow follow = follows.remove(name);
        if (follow == null) {
            return;
        }
        follow.close();
        if (!lacking.remove(name)) {
            notice(name, "node " + name + " left (" + why + "); the lines of " + (node.isPresent() ? "that node"
                    : "the other nodes") + " go on" + (node.isPresent() ? " if it comes back" : ""));
        }
    }

    /** The node's state changed as the manager's connection saw it; the readers hear of it if it has the watcher. */
    synchronized void nodeNotice(String name, String message) {
        if (follows.containsKey(name) && !lacking.contains(name)) {
            notice(name, message);
        }
    }

    /** Whether the node was found not to have the watcher; a node that lacks it is not spoken of. */
    synchronized void lacks(String name, boolean lacks) {
        if (lacks) {
            lacking.add(name);
        } else if (lacking.remove(name)) {
            notice(name, "node " + name + " has watcher " + watcher + " now: its lines come too");
        }
    }

    synchronized boolean isLacking(String name) {
        return lacking.contains(name);
    }

    synchronized void lines(List<LogLine> lines) {
        if (closed || readers.isEmpty()) {
            return;
        }
        List<LogsReader.Event> events = new ArrayList<>(lines.size());
        for (LogLine l : lines) {
            events.add(new LogsReader.Event(l.node(), l.epoch(), l.seq(), SseText.line(l)));
        }
        for (LogsReader reader : readers) {
            for (LogsReader.Event e : events) {
                if (!reader.offer(e)) {
                    break;
                }
            }
        }
    }

    synchronized void notice(String name, String message) {
        LogsReader.Event event = new LogsReader.Event(Optional.empty(), "", 0, SseText.notice(Optional.of(name), message));
        readers.forEach(r -> r.offer(event));
    }

    /** Bytes of lines waiting for its readers. */
    synchronized long bufferedBytes() {
        return readers.stream().mapToLong(LogsReader::bytes).sum();
    }

    /** Ends every follow, and every reader with that last message. */
    synchronized void close(String why) {
        closed = true;
        follows.values().forEach(Follow::close);
        follows.clear();
        String last = SseText.event("end", SseText.endJson(why));
        readers.forEach(r -> r.end(last));
    }
}
