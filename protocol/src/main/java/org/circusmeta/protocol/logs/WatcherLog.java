package org.circusmeta.protocol.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * The kept lines of one watcher: the newest {@code maxLines}, and no more than {@code maxChars}
 * characters of text (the newest line is always kept), numbered 1, 2, 3… in its epoch. A ring: the
 * line numbered {@code s} sits at {@code s - oldest} from the head, so reading from a number costs
 * no search.
 *
 * <p>Confined to the endpoint's loop thread.
 */
final class WatcherLog {
    /** One kept line. */
    record Entry(long seq, OptionalLong pid, LogStream stream, double time, String text) {}

    private final String name;
    private final String epoch;
    private final int maxLines;
    private final long maxChars;
    private Entry[] ring = new Entry[16];
    private int head;
    private int size;
    private long chars;
    private long lastSeq;
    private List<Unreadable> unreadable = List.of();

    WatcherLog(String name, String epoch, int maxLines, long maxChars) {
        this.name = name;
        this.epoch = epoch;
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    String name() {
        return name;
    }

    String epoch() {
        return epoch;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** The number of the oldest line kept; {@code lastSeq() + 1} when none is. */
    long oldestSeq() {
        return lastSeq - size + 1;
    }

    int size() {
        return size;
    }

    List<Unreadable> unreadable() {
        return unreadable;
    }

    void unreadable(List<Unreadable> streams) {
        unreadable = List.copyOf(streams);
    }

    /** True when neither stdout nor stderr can be read. */
    boolean hasNoOutput() {
        return unreadable.stream().map(Unreadable::stream).distinct().count() == LogStream.values().length;
    }

    Entry append(CapturedLine line) {
        Entry e = new Entry(++lastSeq, line.pid(), line.stream(), line.time(), line.text());
        if (size == ring.length && size < maxLines) {
            grow();
        }
        if (size == ring.length) {
            evictOldest();
        }
        ring[(head + size) % ring.length] = e;
        size++;
        chars += e.text().length();
        while (size > 1 && (size > maxLines || chars > maxChars)) {
            evictOldest();
        }
        return e;
    }

    /**
     * The last {@code count} lines the query selects, oldest first, no more than {@code budgetChars}
     * characters of text (but at least one line when one is selected).
     */
    List<Entry> tail(LogQuery query, int count, long budgetChars) {
        List<Entry> out = new ArrayList<>(Math.min(count, size));
        long used = 0;
        for (int i = size - 1; i >= 0 && out.size() < count; i--) {
            Entry e = at(i);
            if (query.selects(e.pid(), e.stream())) {
                used += e.text().length();
                if (used > budgetChars && !out.isEmpty()) {
                    break;
                }
                out.add(e);
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** Every kept line numbered above {@code seq} that the query selects, oldest first. */
    List<Entry> after(long seq, LogQuery query) {
        long from = Math.max(seq + 1, oldestSeq());
        List<Entry> out = new ArrayList<>();
        for (long s = from; s <= lastSeq; s++) {
            Entry e = at((int) (s - oldestSeq()));
            if (query.selects(e.pid(), e.stream())) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many kept lines the query selects. */
    int selectedCount(LogQuery query) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Entry e = at(i);
            if (query.selects(e.pid(), e.stream())) {
                n++;
            }
        }
        return n;
    }

    private Entry at(int index) {
        return ring[(head + index) % ring.length];
    }

    private void evictOldest() {
        chars -= ring[head].text().length();
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
    }

    private void grow() {
        Entry[] bigger = new Entry[Math.min(Math.max(16, ring.length * 2), Math.max(maxLines, 16))];
        for (int i = 0; i < size; i++) {
            bigger[i] = at(i);
        }
        ring = bigger;
        head = 0;
    }
}
