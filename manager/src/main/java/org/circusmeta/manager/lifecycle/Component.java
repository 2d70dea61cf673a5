package org.circusmeta.manager.lifecycle;

import io.dropwizard.lifecycle.Managed;

/**
 * A part of the manager that holds threads, sockets, watches or znodes: Dropwizard starts it (as
 * {@link Managed}, in the order the application registers it) and stops it in the reverse order;
 * tests and benchmarks that build one themselves close it (as {@link AutoCloseable}). Stopping is
 * closing. Implementations keep their state in a {@link Lifecycle}: {@link #start()} once (a second
 * call throws), {@link #close()} idempotent, and safe to call from two threads at once.
 */
public interface Component extends Managed, AutoCloseable {
    @Override
    void start();

    @Override
    void close();

    @Override
    default void stop() {
        close();
    }
}
