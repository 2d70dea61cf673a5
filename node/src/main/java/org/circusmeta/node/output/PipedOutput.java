package org.circusmeta.node.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.circusmeta.node.process.LaunchSpec;
import org.circusmeta.protocol.logs.CapturedLine;
import org.circusmeta.protocol.logs.LineSplitter;
import org.circusmeta.protocol.logs.LogStream;

/**
 * One pipe of one process as the output pump reads it: what it has read but not handed over yet,
 * where its bytes are copied, how long it has been quiet, and whether its process has exited.
 *
 * <p>Confined to the output pump's thread, except {@link #processExited()}.
 */
final class PipedOutput {
    /** Where the lines of a watcher go; {@link #deliver} must not block. */
    interface LineTarget {
        void deliver(List<CapturedLine> lines);
    }

    final InputStream in;
    final OptionalLong pid;
    final LogStream stream;
    final LaunchSpec.Output output;
    final String watcher;
    final LineTarget target;
    final LineSplitter splitter = new LineSplitter();
    OutputSinks.Sink sink = OutputSinks.DISCARD;
    long dueAt;
    int quietPasses;
    int emptyAfterExit;
    private volatile boolean exited;
    private List<CapturedLine> batch = new ArrayList<>();

    PipedOutput(InputStream in, long pid, LogStream stream, LaunchSpec.Output output, String watcher, LineTarget target) {
        this.in = in;
        this.pid = OptionalLong.of(pid);
        this.stream = stream;
        this.output = output;
        this.watcher = watcher;
        this.target = target;
    }

    void processExited() {
        exited = true;
    }

    boolean hasExited() {
        return exited;
    }

    /**
     * Reads what the pipe holds, without blocking: copies it to the sink and cuts it into lines.
     *
     * @return the bytes read; 0 when the pipe was empty, -1 when it is closed
     */
    int read(byte[] buffer, double now) {
        int n;
        try {
            int available = in.available();
            n = available > 0 ? in.read(buffer, 0, Math.min(available, buffer.length)) : 0;
        } catch (IOException e) {
            return -1;
        }
        if (n > 0) {
            sink.write(buffer, 0, n);
            splitter.feed(buffer, 0, n, text -> batch.add(new CapturedLine(pid, stream, now, text)));
        }
        return n;
    }

    /** The pipe is done: its unfinished last line, if any, becomes a line. */
    void finish(double now) {
        splitter.finish(text -> batch.add(new CapturedLine(pid, stream, now, text)));
        try {
            in.close();
        } catch (IOException e) {
            // Nothing left to read from it anyway.
        }
    }

    /** The lines read since the last call, handed over. */
    List<CapturedLine> takeLines() {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<CapturedLine> taken = batch;
        batch = new ArrayList<>();
        return taken;
    }
}
