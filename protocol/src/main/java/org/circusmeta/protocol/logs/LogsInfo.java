package org.circusmeta.protocol.logs;

import java.util.List;

/**
 * What a logs server says of itself ({@code info}): what it is, how much it keeps, and each watcher
 * it serves.
 *
 * <p>Immutable.
 *
 * @param server what serves, e.g. {@code circusmeta-node} or {@code circusmeta-register}
 * @param keepLines lines kept per watcher
 * @param keepBytes characters of text kept per watcher
 * @param watchers every watcher served, by name
 */
public record LogsInfo(String server, int keepLines, long keepBytes, List<Watcher> watchers) {
    public LogsInfo {
        watchers = List.copyOf(watchers);
    }

    /**
     * One watcher a server serves.
     *
     * @param name its name
     * @param epoch the epoch its lines are numbered in
     * @param last the number of its newest line
     * @param kept how many lines are kept
     * @param unreadable its outputs that cannot be read, with the fix
     */
    public record Watcher(String name, String epoch, long last, int kept, List<Unreadable> unreadable) {
        public Watcher {
            unreadable = List.copyOf(unreadable);
        }
    }
}
