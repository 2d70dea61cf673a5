package org.circusmeta.client;

import java.util.List;
import java.util.Optional;
import org.circusmeta.api.LogLineView;
import org.circusmeta.api.LogNotice;

/**
 * {@code GET /api/logs?follow=true} as it arrives: the tail asked for, then every new line of every node,
 * and what the manager says of the nodes on the way (README, "Logs").
 *
 * <p>Confined to the thread that reads it; {@link #close()} may come from any thread and ends a read.
 */
public final class LogFollow implements AutoCloseable {
    /** What a follow brings. */
    public sealed interface Item permits Line, Notice, End {}

    /** A line of a process. */
    public record Line(LogLineView line) implements Item {}

    /** Word of a node: it left, stopped answering, answers again, cannot serve the watcher. */
    public record Notice(LogNotice notice) implements Item {}

    /** The manager's last word: why it ends the stream (the reader fell behind, the manager stops). */
    public record End(LogNotice notice) implements Item {}

    private final SseConnection events;

    private LogFollow(SseConnection events) {
        this.events = events;
    }

    static LogFollow open(Http http, String path) {
        return new LogFollow(SseConnection.open(http, path));
    }

    /** What the tail could not give, in words: one {@code Warning} header of the answer each. */
    public List<String> warnings() {
        return events.header("Warning");
    }

    /** The next item, waiting for it; empty when the stream ended without an {@link End}. */
    public Optional<Item> next() {
        return events.next().map(e -> switch (e.name()) {
            case "notice" -> new Notice(RecordJson.read(e.data(), LogNotice.class));
            case "end" -> new End(RecordJson.read(e.data(), LogNotice.class));
            default -> new Line(RecordJson.read(e.data(), LogLineView.class));
        });
    }

    @Override
    public void close() {
        events.close();
    }
}
