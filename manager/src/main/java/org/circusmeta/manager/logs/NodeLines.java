package org.circusmeta.manager.logs;

import java.util.List;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogListener;
import org.circusmeta.protocol.logs.Refusal;
import org.circusmeta.protocol.logs.Unreadable;

/**
 * What one node's follow of a watcher brings, handed to its {@link WatcherFeed}: the lines, and in words
 * what went wrong. A node that answers that it has no such watcher is marked so, and not spoken of.
 *
 * <p>Confined to the logs loop's thread, as the follow's listener.
 */
final class NodeLines implements LogListener {
    private final WatcherFeed feed;
    private final String node;

    NodeLines(WatcherFeed feed, String node) {
        this.feed = feed;
        this.node = node;
    }

    @Override
    public void onLines(List<LogLine> lines) {
        feed.lines(lines);
    }

    @Override
    public void onLost(String watcher, long lines) {
        feed.notice(node, "node " + node + ": " + lines + " lines of " + watcher + " were lost on the way (the node no"
                + " longer kept them when the manager asked again)");
    }

    @Override
    public void onRefused(Refusal refusal) {
        if (Refusal.UNKNOWN_WATCHER.equals(refusal.code())) {
            feed.lacks(node, true);
        } else {
            feed.notice(node, "node " + node + " cannot serve " + feed.watcher() + ": " + refusal.describe());
        }
    }

    @Override
    public void onProblem(String reason) {
        if (!feed.isLacking(node)) {
            feed.notice(node, "node " + node + ": " + reason);
        }
    }

    @Override
    public void onServed() {
        if (feed.isLacking(node)) {
            feed.lacks(node, false);
        } else {
            feed.notice(node, "node " + node + " serves the lines of " + feed.watcher() + " again");
        }
    }

    @Override
    public void onUnreadable(List<Unreadable> streams) {
        for (Unreadable u : streams) {
            feed.notice(node, "node " + node + " cannot read the " + u.stream().wireName() + " of " + feed.watcher() + ": "
                    + u.describe());
        }
    }
}
