package org.circusmeta.node.watcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.circusmeta.node.events.EventPublisher;
import org.circusmeta.node.output.OutputCapture;
import org.circusmeta.node.process.ProcessSpawner;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * What every watcher of a node shares: the node's loop (all watcher state lives on its thread), the
 * event publisher, the spawner, the capture of their output, the stopper, the manage period (the longest a crashing process waits
 * to be replaced), a callback run whenever a watcher's set of processes changes, and whether the node
 * is quitting (then no process is started any more).
 *
 * <p>Immutable; its parts are thread-safe or confined to the loop thread as their classes say.
 */
public record WatcherRuntime(
        SocketLoop loop, EventPublisher events, ProcessSpawner spawner, OutputCapture capture, ProcessStopper stopper,
        Duration checkDelay,
        Runnable processesChanged, BooleanSupplier quitting) {}
