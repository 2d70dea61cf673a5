package org.circusmeta.manager.nodes;

import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * A small fixed set of socket loops shared by every node connection (and later by the stream
 * subscribers): no thread per node. A node always lands on the same loop, picked by its name.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once, {@link #close()} idempotent.
 */
public final class SocketLoops implements Managed, AutoCloseable {
    private final List<SocketLoop> loops = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();

    public SocketLoops(String namePrefix, int count) {
        for (int i = 0; i < count; i++) {
            loops.add(new SocketLoop(namePrefix + "-" + i));
        }
    }

    public SocketLoop loopFor(String node) {
        return loops.get(Math.floorMod(node.hashCode(), loops.size()));
    }

    public int size() {
        return loops.size();
    }

    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the socket loops were already started");
        }
        loops.forEach(SocketLoop::start);
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        loops.forEach(SocketLoop::close);
    }
}
