package org.circusmeta.manager.logs;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.protocol.logs.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one follow: the tail it asked for, the problems of that tail as notices, then the reader's
 * events as they come, several written at once when they come fast. A line the tail held already (the
 * same node, epoch and number or lower) is not written again. A comment every 15 s keeps a quiet stream
 * open and notices a reader that left. The stream ends when the reader ends (dropped, or the manager
 * stopping) with its last event, or when the reader goes away; either way its slot is given back.
 *
 * <p>Confined to the request's thread, which it holds for as long as the reader follows.
 */
public final class FollowStream implements StreamingOutput {
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

    @Override
    public void write(OutputStream body) {
        try (Writer out = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            out.write(": following " + reader.watcher() + reader.node().map(n -> " on node " + n).orElse("") + "\n\n");
            for (LogLine line : tail) {
                out.write(SseText.line(line));
            }
            for (String problem : problems) {
                out.write(SseText.notice(Optional.empty(), problem));
            }
            out.flush();
            relay(out);
        } catch (IOException e) {
            LOG.debug("a reader of the logs of {} went away: {}", reader.watcher(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.end(SseText.event("end", SseText.endJson("the reader left")));
            feeds.unsubscribe(reader);
        }
    }

    private void relay(Writer out) throws IOException, InterruptedException {
        while (!reader.isFinished()) {
            List<LogsReader.Event> batch = reader.take(KEEP_ALIVE, BATCH_BYTES);
            if (batch.isEmpty()) {
                if (!reader.isFinished()) {
                    out.write(": keep-alive\n\n");
                }
            }
            for (LogsReader.Event e : batch) {
                if (!heldByTail(e)) {
                    out.write(e.text());
                }
            }
            out.flush();
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
