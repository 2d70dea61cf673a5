package org.circusmeta.manager.nodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * The liveness probes of every node connection on one socket loop, sent together once per interval
 * rather than each on a timer of its own. Why: each message sent changes what ZeroMQ's I/O thread
 * polls, and JeroMQ's poller then walks every connection of that thread before it sleeps again; probes
 * spread over the interval pay that walk once each (quadratic in the nodes: docs/benchmarks.md,
 * "Behind the design"), probes sent in one burst pay it a few times per round, and the loop and the
 * I/O thread wake once per round instead of once per probe.
 *
 * <p>Thread-safe: {@link #add} and {@link #remove} hand the change to the loop; the members and the
 * tick are confined to the loop thread.
 */
final class ProbeRound {
    private final SocketLoop loop;
    private final Duration interval;
    private final Set<NodeConnection> members = new LinkedHashSet<>();
    private boolean ticking;

    ProbeRound(SocketLoop loop, Duration interval) {
        this.loop = loop;
        this.interval = interval;
    }

    void add(NodeConnection connection) {
        onLoop(() -> {
            members.add(connection);
            if (!ticking) {
                ticking = true;
                loop.schedule(interval, this::tick);
            }
        });
    }

    void remove(NodeConnection connection) {
        onLoop(() -> members.remove(connection));
    }

    private void tick() {
        for (NodeConnection connection : new ArrayList<>(members)) {
            connection.probe();
        }
        if (members.isEmpty()) {
            ticking = false;
            return;
        }
        try {
            loop.schedule(interval, this::tick);
        } catch (CircusClosedException e) {
            ticking = false;
        }
    }

    private void onLoop(Runnable change) {
        try {
            loop.execute(change);
        } catch (CircusClosedException e) {
            // the loop is gone, and its connections with it
        }
    }
}
