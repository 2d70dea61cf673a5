package org.circusmeta.protocol.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The follows a {@link LogsEndpoint} serves: who follows which watcher with which filter, up to which
 * line each was told, until when its lease runs. New lines are pushed to every follow of their
 * watcher, encoded once per filter.
 *
 * <p>A follow whose connection cannot take a message (ZeroMQ's queue for it holds the high-water
 * mark) falls <em>behind</em>: nothing more is queued for it, so no follower makes the server hold
 * more than that queue. It is offered what it missed again with the next lines, at most every
 * {@value #RETRY_MILLIS} ms, and when it renews; what the log no longer keeps by then it is told it
 * lost. A follow that is not renewed ends with its lease.
 *
 * <p>Confined to the endpoint's loop thread.
 */
final class FollowTable {
    static final long RETRY_MILLIS = 50;

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
        boolean behind;
        long retryAt;

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
    final LongAdder fellBehind = new LongAdder();
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

    /** Sends to one follow; when the message cannot be queued, the follow falls behind. */
    boolean send(Follow f, byte[] message) {
        if (sender.send(f.identity, message)) {
            return true;
        }
        if (!f.behind) {
            f.behind = true;
            fellBehind.increment();
        }
        f.retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
        return false;
    }

    /**
     * Sends a follow a run of lines in chunks, chained from {@code after} to {@code last}, the first
     * saying how many lines after {@code after} the log no longer keeps; moves its mark along each
     * chunk sent. False when it fell behind on the way.
     */
    boolean pushRun(Follow f, WatcherLog log, long after, long lost, long last, List<WatcherLog.Entry> lines) {
        int from = 0;
        long previous = after;
        long gone = lost;
        do {
            int to = chunkEnd(lines, from);
            long chunkLast = to == lines.size() ? last : lines.get(to - 1).seq();
            if (!send(f, LogsWire.addressed(f.id, LogsWire.push(log, previous, chunkLast, gone, lines.subList(from, to))))) {
                return false;
            }
            f.toldUpTo = chunkLast;
            previous = chunkLast;
            gone = 0;
            from = to;
        } while (from < lines.size());
        f.behind = false;
        return true;
    }

    /** Offers a follow that fell behind what it missed, as far as the log still has it. */
    void resume(Follow f, WatcherLog log) {
        long lost = Math.max(0, log.oldestSeq() - 1 - f.toldUpTo);
        pushRun(f, log, f.toldUpTo, lost, log.lastSeq(), log.after(f.toldUpTo, f.query));
    }

    /** Pushes a watcher's new lines to its follows, each given what its filter selects, in chunks. */
    void push(WatcherLog log, List<WatcherLog.Entry> added) {
        List<Follow> follows = byWatcher.get(watcherKey(log.name()));
        if (follows == null || follows.isEmpty() || added.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Map<Group, List<Follow>> groups = new LinkedHashMap<>();
        for (Follow f : List.copyOf(follows)) {
            if (!f.epoch.equals(log.epoch())) {
                // The watcher was forgotten and declared again: its numbers start over.
                f.epoch = log.epoch();
                f.toldUpTo = 0;
            }
            if (f.behind) {
                if (f.retryAt - now <= 0) {
                    resume(f, log);
                }
            } else {
                groups.computeIfAbsent(new Group(f.query.pid(), f.query.stream(), f.toldUpTo), g -> new ArrayList<>()).add(f);
            }
        }
        long last = added.get(added.size() - 1).seq();
        groups.forEach((group, members) -> pushShared(log, group.toldUpTo(), last, added, members));
    }

    /** The same new lines to follows of one filter that were told up to the same line: encoded once. */
    private void pushShared(WatcherLog log, long toldUpTo, long last, List<WatcherLog.Entry> added, List<Follow> members) {
        LogQuery filter = members.get(0).query;
        List<WatcherLog.Entry> selected = added.stream().filter(e -> filter.selects(e.pid(), e.stream())).toList();
        if (selected.isEmpty()) {
            return;
        }
        List<Follow> live = new ArrayList<>(members);
        int from = 0;
        long previous = toldUpTo;
        while (from < selected.size() && !live.isEmpty()) {
            int to = chunkEnd(selected, from);
            long chunkLast = to == selected.size() ? last : selected.get(to - 1).seq();
            byte[] push = LogsWire.push(log, previous, chunkLast, 0, selected.subList(from, to));
            for (Follow f : List.copyOf(live)) {
                if (send(f, LogsWire.addressed(f.id, push))) {
                    f.toldUpTo = chunkLast;
                } else {
                    live.remove(f);
                }
            }
            previous = chunkLast;
            from = to;
        }
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

    /** Follows that fell behind, now. */
    int behind() {
        return (int) byKey.values().stream().filter(f -> f.behind).count();
    }

    /** Tells every follower that the server is going away, and forgets them all. */
    void endAll(String reason) {
        for (Follow f : List.copyOf(byKey.values())) {
            sender.send(f.identity, LogsWire.end(f.id, reason));
        }
        byKey.clear();
        byWatcher.clear();
    }

    /** The end (exclusive) of the chunk starting at {@code from}: at least one line, if any is left. */
    static int chunkEnd(List<WatcherLog.Entry> lines, int from) {
        long chars = 0;
        int to = from;
        while (to < lines.size() && (to == from || chars + lines.get(to).text().length() <= LogsWire.CHUNK_CHARS)) {
            chars += lines.get(to).text().length();
            to++;
        }
        return to;
    }

    private record Group(OptionalLong pid, Optional<LogStream> stream, long toldUpTo) {}
}
