package org.circusmeta.protocol.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The follows a {@link LogsEndpoint} serves: who follows which watcher with which filter, up to which
 * line each was told, until when its lease runs. New lines are pushed to every follow of their
 * watcher, encoded once per filter; a follow whose connection cannot take a message (ZeroMQ's queue
 * for it is full, or it is gone) is dropped at once, so no follower makes the server hold more than
 * the queue's high-water mark for it. A dropped follow that renews resumes from its last line.
 *
 * <p>Confined to the endpoint's loop thread.
 */
final class FollowTable {
    /** Sends one message to a connection; false when it could not be queued. */
    @FunctionalInterface
    interface Sender {
        boolean send(byte[] identity, byte[] message);
    }

    /** One follow. */
    static final class Follow {
        final byte[] identity;
        final String id;
        final String key;
        final String watcher;
        final LogQuery query;
        String epoch = "";
        long toldUpTo;
        long leaseEnd;

        Follow(byte[] identity, String id, String key, String watcher, LogQuery query) {
            this.identity = identity;
            this.id = id;
            this.key = key;
            this.watcher = watcher;
            this.query = query;
        }
    }

    private final Sender sender;
    private final int max;
    private final Map<String, Follow> byKey = new HashMap<>();
    private final Map<String, List<Follow>> byWatcher = new HashMap<>();
    final LongAdder dropped = new LongAdder();
    final LongAdder expired = new LongAdder();

    FollowTable(Sender sender, int max) {
        this.sender = sender;
        this.max = max;
    }

    static String key(byte[] identity, String followId) {
        StringBuilder out = new StringBuilder(identity.length * 2 + followId.length() + 1);
        for (byte b : identity) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.append('/').append(followId).toString();
    }

    static String watcherKey(String watcher) {
        return watcher.toLowerCase(Locale.ROOT);
    }

    Follow get(String key) {
        return byKey.get(key);
    }

    int size() {
        return byKey.size();
    }

    boolean isFull() {
        return byKey.size() >= max;
    }

    void add(Follow f) {
        byKey.put(f.key, f);
        byWatcher.computeIfAbsent(watcherKey(f.watcher), k -> new ArrayList<>()).add(f);
    }

    void remove(Follow f) {
        if (byKey.remove(f.key) == null) {
            return;
        }
        List<Follow> list = byWatcher.get(watcherKey(f.watcher));
        if (list != null) {
            list.remove(f);
            if (list.isEmpty()) {
                byWatcher.remove(watcherKey(f.watcher));
            }
        }
    }

    /** Sends to a connection that need not follow anything (a reply). */
    boolean sendTo(byte[] identity, byte[] message) {
        return sender.send(identity, message);
    }

    /** Sends to one follow; drops it when the message cannot be queued. */
    boolean send(Follow f, byte[] message) {
        if (sender.send(f.identity, message)) {
            return true;
        }
        dropped.increment();
        remove(f);
        return false;
    }

    /** Pushes a watcher's new lines to its follows, each given what its filter selects, in chunks. */
    void push(WatcherLog log, List<WatcherLog.Entry> added) {
        List<Follow> follows = byWatcher.get(watcherKey(log.name()));
        if (follows == null || follows.isEmpty() || added.isEmpty()) {
            return;
        }
        Map<Group, List<Follow>> groups = new LinkedHashMap<>();
        for (Follow f : follows) {
            if (!f.epoch.equals(log.epoch())) {
                // The watcher was forgotten and declared again: its numbers start over.
                f.epoch = log.epoch();
                f.toldUpTo = 0;
            }
            groups.computeIfAbsent(new Group(f.query.pid(), f.query.stream(), f.toldUpTo), g -> new ArrayList<>()).add(f);
        }
        long last = added.get(added.size() - 1).seq();
        groups.forEach((group, members) -> {
            LogQuery filter = members.get(0).query;
            List<WatcherLog.Entry> selected = added.stream().filter(e -> filter.selects(e.pid(), e.stream())).toList();
            if (selected.isEmpty()) {
                return;
            }
            chunks(log, group.toldUpTo, last, selected, push -> {
                for (Follow f : List.copyOf(members)) {
                    if (byKey.get(f.key) == f) {
                        send(f, LogsWire.addressed(f.id, push));
                    }
                }
            });
            members.forEach(f -> f.toldUpTo = last);
        });
    }

    /** Ends every follow whose lease ran out before {@code now} (nanoTime). */
    void expire(long now) {
        for (Follow f : List.copyOf(byKey.values())) {
            if (f.leaseEnd - now < 0) {
                expired.increment();
                remove(f);
            }
        }
    }

    /** Tells every follower that the server is going away, and forgets them all. */
    void endAll(String reason) {
        for (Follow f : List.copyOf(byKey.values())) {
            sender.send(f.identity, LogsWire.end(f.id, reason));
        }
        byKey.clear();
        byWatcher.clear();
    }

    /**
     * Cuts a run of lines into pushes of at most {@link LogsWire#CHUNK_CHARS} characters, chained:
     * each one's {@code after} is the previous one's {@code last}; the final one ends at {@code last}.
     */
    static void chunks(WatcherLog log, long after, long last, List<WatcherLog.Entry> lines, Consumer<byte[]> out) {
        int from = 0;
        long previous = after;
        while (from < lines.size()) {
            int to = chunkEnd(lines, from);
            long chunkLast = to == lines.size() ? last : lines.get(to - 1).seq();
            out.accept(LogsWire.push(log, previous, chunkLast, lines.subList(from, to)));
            previous = chunkLast;
            from = to;
        }
    }

    /** The end (exclusive) of the chunk starting at {@code from}: at least one line. */
    static int chunkEnd(List<WatcherLog.Entry> lines, int from) {
        long chars = 0;
        int to = from;
        while (to < lines.size() && (to == from || chars + lines.get(to).text().length() <= LogsWire.CHUNK_CHARS)) {
            chars += lines.get(to).text().length();
            to++;
        }
        return to;
    }

    private record Group(java.util.OptionalLong pid, java.util.Optional<LogStream> stream, long toldUpTo) {
        Group {
            Objects.requireNonNull(pid);
        }
    }
}
