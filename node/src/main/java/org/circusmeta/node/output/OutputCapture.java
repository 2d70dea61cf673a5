package org.circusmeta.node.output;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.circusmeta.node.process.ChildProcess;
import org.circusmeta.node.process.LaunchSpec;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.logs.CapturedLine;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * What one node does with the output of its processes: both pipes of every process go to the host's
 * {@link OutputPump}, which copies them where the stream class says and hands their lines back here,
 * to be kept and served by the node's {@link LogsEndpoint} on the node's loop.
 *
 * <p>Confined to the node's loop thread, except the deliveries, which any thread may make.
 */
public final class OutputCapture {
    private final OutputPump pump;
    private final SocketLoop loop;
    private final LogsEndpoint logs;
    private final Map<String, PipedOutput.LineTarget> targets = new HashMap<>();

    public OutputCapture(OutputPump pump, SocketLoop loop, LogsEndpoint logs) {
        this.pump = pump;
        this.loop = loop;
        this.logs = logs;
    }

    /** Starts reading a process freshly spawned for the watcher, its output going where {@code launch} says. */
    public void attach(String watcher, ChildProcess process, LaunchSpec launch) {
        PipedOutput.LineTarget target = targets.computeIfAbsent(watcher, this::target);
        PipedOutput out = new PipedOutput(process.stdout(), process.pid(), LogStream.STDOUT, launch.stdout(), watcher, target);
        PipedOutput err = new PipedOutput(process.stderr(), process.pid(), LogStream.STDERR, launch.stderr(), watcher, target);
        pump.attach(out);
        pump.attach(err);
        process.onExit().whenComplete((p, e) -> {
            out.processExited();
            err.processExited();
            pump.wake();
        });
    }

    private PipedOutput.LineTarget target(String watcher) {
        return lines -> deliver(watcher, lines);
    }

    private void deliver(String watcher, List<CapturedLine> lines) {
        try {
            loop.execute(() -> {
                try {
                    logs.append(watcher, lines);
                } finally {
                    pump.taken(lines.size());
                }
            });
        } catch (CircusClosedException | IllegalStateException closed) {
            pump.taken(lines.size());
        }
    }
}
