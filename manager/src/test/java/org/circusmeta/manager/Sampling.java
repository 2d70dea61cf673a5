package org.circusmeta.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sample taken every 100 ms, on a thread of its own, from now until closed: how many were taken, and
 * what each one that failed threw. What a sample finds is the caller's to keep. Thread-safe.
 */
final class Sampling implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger samples = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    Sampling(Runnable sample) {
        timer.scheduleAtFixedRate(() -> {
            try {
                sample.run();
                samples.incrementAndGet();
            } catch (RuntimeException | Error e) {
                errors.add(e.toString());
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    int samples() {
        return samples.get();
    }

    List<String> errors() {
        return new ArrayList<>(errors);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
