package org.circusmeta.manager.nodes;

import java.util.ArrayList;
import java.util.List;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * A small fixed set of socket loops shared by every node connection (and later by the stream
 * subscribers): no thread per node. A node always lands on the same loop, picked by its name.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once, {@link #close()} idempotent.
 */
public final class SocketLoops implements Component {
    private final List<SocketLoop> loops = new ArrayList<>();
    private final Lifecycle lifecycle = new Lifecycle("the socket loops");

    public SocketLoops(String namePrefix, int count) {
        for (int i = 0; i < count; i++) {
            loops.add(new SocketLoop(namePrefix + "-" + i));
        }
    }

    public SocketLoop loopFor(String node) {
        return loops.get(Math.floorMod(node.hashCode(), loops.size()));
    }

    /** Every loop, for the health check of the loops. */
    public List<SocketLoop> all() {
        return List.copyOf(loops);
    }

    public int size() {
        return loops.size();
    }

    @Override
    public void start() {
        lifecycle.start();
        loops.forEach(SocketLoop::start);
    }

    @Override
    public void close() {
        lifecycle.close();
        loops.forEach(SocketLoop::close);
    }
}
