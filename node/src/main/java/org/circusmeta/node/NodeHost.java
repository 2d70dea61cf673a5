package org.circusmeta.node;

import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.node.output.OutputPump;
import org.circusmeta.node.process.ProcessSpawner;
import org.circusmeta.node.stats.ProcessSampler;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * What the nodes of one JVM share: one socket loop, the thread every node's state lives on (ZeroMQ
 * sockets, watchers, timers), one process sampler, the thread that reads every node's processes
 * once a second, and one output pump, the thread that reads their stdout and stderr. A hundred nodes
 * cost these three threads, not three hundred.
 *
 * <pre>{@code
 * try (NodeHost host = NodeHost.start("nodes")) {
 *     CircusNode a = new CircusNode(NodeConfig.read(iniA), host);
 *     CircusNode b = new CircusNode(NodeConfig.read(iniB), host);
 *     a.start();
 *     b.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once; {@link #close()} (idempotent) stops the loop and the
 * sampler it created, and leaves alone those it was given; the output pump is always its own.
 */
public final class NodeHost implements AutoCloseable {
    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final ProcessSampler sampler;
    private final boolean ownsLoop;
    private final boolean ownsSampler;
    private final ProcessSpawner spawner = new ProcessSpawner();
    private final OutputPump pump;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    /** A host with a loop and a sampler of its own, the loop's thread named {@code name}. */
    public NodeHost(String name) {
        this(new SocketLoop(name), new ProcessSampler(), true, true);
    }

    /** A host over a loop and a sampler that the caller starts and closes. */
    public NodeHost(SocketLoop loop, ProcessSampler sampler) {
        this(loop, sampler, false, false);
    }

    private NodeHost(SocketLoop loop, ProcessSampler sampler, boolean ownsLoop, boolean ownsSampler) {
        this.loop = loop;
        this.sampler = sampler;
        this.ownsLoop = ownsLoop;
        this.ownsSampler = ownsSampler;
        this.pump = new OutputPump(loop.name() + "-output");
    }

    /** Creates and starts a host with its own threads. */
    public static NodeHost start(String name) {
        NodeHost host = new NodeHost(name);
        host.start();
        return host;
    }

    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("node host was already started");
        }
        if (ownsLoop) {
            loop.start();
        }
        if (ownsSampler) {
            sampler.start();
        }
        pump.start();
    }

    public SocketLoop loop() {
        return loop;
    }

    public ProcessSampler sampler() {
        return sampler;
    }

    ProcessSpawner spawner() {
        return spawner;
    }

    /** The thread reading every process's output. */
    public OutputPump pump() {
        return pump;
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        if (ownsSampler) {
            sampler.close();
        }
        pump.close();
        if (ownsLoop) {
            loop.close();
        }
    }
}
