package org.circusmeta.registration.registrar;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one registrar's tasks one at a time, in order, on a pool shared by every registrar of the
 * JVM (threads {@code registrar-N}, created on demand and ended when idle), so that hundreds of
 * registrars in one process cost no thread each. A task that throws is logged; the next one runs.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final ExecutorService SHARED = sharedPool();

    private final String owner;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(String owner) {
        this.owner = owner;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        SHARED.execute(this::drain);
    }

    /** Runs a task that may block (a ZooKeeper call) on the shared pool; completes when it has run. */
    static CompletableFuture<Void> runInBackground(Runnable task) {
        return CompletableFuture.runAsync(task, SHARED);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{}: a registrar task failed; the registrar goes on: {}", owner, e.toString(), e);
            }
        }
    }

    private static ExecutorService sharedPool() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "registrar-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
