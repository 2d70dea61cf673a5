package org.circusmeta.protocol.logs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.circusmeta.protocol.logs.FollowTable.Follow;
import org.circusmeta.protocol.logs.LogsRequest.Since;

/**
 * The answers of a {@link LogsEndpoint}: {@code info}, {@code tail}, {@code follow} (the kept lines
 * it asks for in the reply and the pushes right after it, then the follow registered for the lines to
 * come) and {@code unfollow}.
 *
 * <p>Confined to the endpoint's loop thread.
 */
final class LogsReplies {
    private final FollowTable follows;
    private final LogsOptions options;

    LogsReplies(FollowTable follows, LogsOptions options) {
        this.follows = follows;
        this.options = options;
    }

    void serve(byte[] identity, LogsRequest r, Map<String, WatcherLog> logs, String server) {
        switch (r.type()) {
            case "info" -> follows.sendTo(identity, LogsWire.info(r.id(), server, options, new TreeMap<>(logs).values()));
            case "tail" -> tail(identity, r, logs);
            case "follow" -> follow(identity, r, logs);
            default -> unfollow(identity, r);
        }
    }

    /** The watcher's log, or the refusal sent in its place. */
    private WatcherLog find(byte[] identity, LogsRequest r, Map<String, WatcherLog> logs) {
        LogQuery q = r.query().orElseThrow();
        WatcherLog log = logs.get(FollowTable.watcherKey(q.watcher()));
        Refusal refusal = null;
        if (log == null) {
            refusal = new Refusal(Refusal.UNKNOWN_WATCHER, "no watcher '" + q.watcher() + "' here"
                    + (logs.isEmpty() ? " (none is)" : "; the watchers are " + String.join(", ",
                            new TreeMap<>(logs).values().stream().map(WatcherLog::name).toList())), List.of());
        } else if (log.hasNoOutput()) {
            refusal = new Refusal(Refusal.NO_OUTPUT, "the output of watcher '" + log.name() + "' goes nowhere this server"
                    + " can read", log.unreadable());
        }
        if (refusal != null) {
            follows.sendTo(identity, LogsWire.refusal(r.id(), r.type(), refusal));
            return null;
        }
        return log;
    }

    private void tail(byte[] identity, LogsRequest r, Map<String, WatcherLog> logs) {
        WatcherLog log = find(identity, r, logs);
        if (log == null) {
            return;
        }
        LogQuery q = r.query().orElseThrow();
        List<WatcherLog.Entry> lines = log.tail(q, q.lines(), LogsWire.TAIL_CHARS);
        int omitted = Math.min(q.lines(), log.selectedCount(q)) - lines.size();
        long after = lines.isEmpty() ? log.lastSeq() : lines.get(0).seq() - 1;
        follows.sendTo(identity, LogsWire.encode(g -> {
            LogsWire.replyHead(g, r.id(), "tail", true);
            LogsWire.run(g, log, after, log.lastSeq(), lines);
            if (omitted > 0) {
                g.writeNumberField("omitted", omitted);
            }
            LogsWire.unreadable(g, log.unreadable());
        }));
    }

    private void follow(byte[] identity, LogsRequest r, Map<String, WatcherLog> logs) {
        WatcherLog log = find(identity, r, logs);
        if (log == null) {
            return;
        }
        LogQuery q = r.query().orElseThrow();
        String id = r.follow().orElseThrow();
        String key = FollowTable.key(identity, id);
        Follow f = follows.get(key);
        if (f != null && (!f.query.equals(q) || !FollowTable.watcherKey(f.watcher).equals(FollowTable.watcherKey(log.name())))) {
            follows.remove(f);
            f = null;
        }
        if (f == null) {
            if (follows.isFull()) {
                follows.sendTo(identity, LogsWire.refusal(r.id(), "follow", new Refusal(Refusal.TOO_MANY_FOLLOWS,
                        "this server serves " + follows.size() + " follows already, its limit; close some", List.of())));
                return;
            }
            f = new Follow(identity, id, key, log.name(), q);
            follows.add(f);
        }
        f.leaseEnd = System.nanoTime() + options.lease().toNanos();
        catchUp(f, r, log);
    }

    /** The reply with the first chunk of kept lines, then the other chunks as pushes. */
    private void catchUp(Follow f, LogsRequest r, WatcherLog log) {
        LogQuery q = f.query;
        List<WatcherLog.Entry> lines;
        long after;
        long lost = 0;
        Since since = r.since().orElse(null);
        if (since != null && since.epoch().equals(log.epoch()) && since.seq() <= log.lastSeq()) {
            after = since.seq();
            lost = Math.max(0, log.oldestSeq() - 1 - since.seq());
            lines = log.after(since.seq(), q);
        } else if (since != null) {
            after = 0;
            lost = log.oldestSeq() - 1;
            lines = log.after(0, q);
        } else {
            lines = log.tail(q, q.lines(), Long.MAX_VALUE);
            after = lines.isEmpty() ? log.lastSeq() : lines.get(0).seq() - 1;
        }
        int firstEnd = lines.isEmpty() ? 0 : FollowTable.chunkEnd(lines, 0);
        long firstLast = firstEnd == lines.size() ? log.lastSeq() : lines.get(firstEnd - 1).seq();
        long lostLines = lost;
        List<WatcherLog.Entry> first = lines.subList(0, firstEnd);
        byte[] reply = LogsWire.encode(g -> {
            LogsWire.replyHead(g, r.id(), "follow", true);
            g.writeStringField("follow", f.id);
            LogsWire.run(g, log, after, firstLast, first);
            if (lostLines > 0) {
                g.writeNumberField("lost", lostLines);
            }
            g.writeNumberField("lease_ms", options.lease().toMillis());
            LogsWire.unreadable(g, log.unreadable());
        });
        f.epoch = log.epoch();
        f.toldUpTo = after;
        if (!follows.send(f, reply)) {
            return;
        }
        f.toldUpTo = firstLast;
        f.behind = false;
        if (firstEnd < lines.size()) {
            follows.pushRun(f, log, firstLast, 0, log.lastSeq(), lines.subList(firstEnd, lines.size()));
        }
    }

    private void unfollow(byte[] identity, LogsRequest r) {
        Follow f = follows.get(FollowTable.key(identity, r.follow().orElseThrow()));
        if (f != null) {
            follows.remove(f);
        }
        follows.sendTo(identity, LogsWire.encode(g -> LogsWire.replyHead(g, r.id(), "unfollow", true)));
    }
}
