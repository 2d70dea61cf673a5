package org.circusmeta.manager.logs;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.protocol.logs.LogLine;
import org.glassfish.jersey.server.ChunkedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one follow: the tail it asked for, the problems of that tail as notices, then the reader's
 * events as they come, several written at once when they come fast. A line the tail held already (the
 * same node, epoch and number or lower) is not written again. A comment every 15 s keeps a quiet stream
 * open and notices a reader that left. The stream ends when the reader ends (dropped, or the manager
 * stopping) with its last event, or when the reader goes away; either way its slot is given back. Each
 * batch is one chunk of the response, written as it comes (a chunked output: nothing waits in a buffer
 * of the server's for more), so a reader that does not read blocks only its own sender.
 *
 * <p>Confined to its sender thread, which it holds for as long as the reader follows.
 */
public final class FollowStream {
    private static final Logger LOG = LoggerFactory.getLogger(FollowStream.class);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long BATCH_BYTES = 256 * 1024;

    private record Mark(String epoch, long seq) {}

    private final LogFeeds feeds;
    private final LogsReader reader;
    private final List<LogLine> tail;
    private final List<String> problems;
    private final Map<String, Mark> tailMarks = new HashMap<>();

    /** @param tail the lines to write first; the live lines they hold already are skipped */
    public FollowStream(LogFeeds feeds, LogsReader reader, List<LogLine> tail, List<String> problems) {
        this.feeds = feeds;
        this.reader = reader;
        this.tail = tail;
        this.problems = problems;
        for (LogLine line : tail) {
            line.node().ifPresent(n -> tailMarks.merge(n, new Mark(line.epoch(), line.seq()),
                    (a, b) -> b.epoch().equals(a.epoch()) && b.seq() < a.seq() ? a : b));
        }
    }

    /** Writes the stream until the reader ends or goes away; then closes the output and gives the slot back. */
    public void send(ChunkedOutput<String> output) {
        try (output) {
            StringBuilder first = new StringBuilder(": following " + reader.watcher()
                    + reader.node().map(n -> " on node " + n).orElse("") + "\n\n");
            tail.forEach(line -> first.append(SseText.line(line)));
            problems.forEach(p -> first.append(SseText.notice(Optional.empty(), p)));
            output.write(first.toString());
            relay(output);
        } catch (IOException e) {
            LOG.debug("a reader of the logs of {} went away: {}", reader.watcher(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.end(SseText.event("end", SseText.endJson("the reader left")));
            feeds.unsubscribe(reader);
        }
    }

    private void relay(ChunkedOutput<String> output) throws IOException, InterruptedException {
        while (!reader.isFinished() && !output.isClosed()) {
            List<LogsReader.Event> batch = reader.take(KEEP_ALIVE, BATCH_BYTES);
            StringBuilder chunk = new StringBuilder();
            for (LogsReader.Event e : batch) {
                if (!heldByTail(e)) {
                    chunk.append(e.text());
                }
            }
            if (batch.isEmpty() && !reader.isFinished()) {
                chunk.append(": keep-alive\n\n");
            }
            if (chunk.length() > 0) {
                output.write(chunk.toString());
            }
        }
    }

    private boolean heldByTail(LogsReader.Event event) {
        if (event.node().isEmpty() || tailMarks.isEmpty()) {
            return false;
        }
        Mark mark = tailMarks.get(event.node().get());
        return mark != null && mark.epoch().equals(event.epoch()) && event.seq() <= mark.seq();
    }
}
