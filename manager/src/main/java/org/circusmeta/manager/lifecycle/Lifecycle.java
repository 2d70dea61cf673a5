package org.circusmeta.manager.lifecycle;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one {@link Component}: latent, then started, then closed, each change atomic, so
 * that a second {@link #start()} throws and of two concurrent {@link #close()} calls exactly one
 * releases what the start took.
 *
 * <p>Thread-safe.
 */
public final class Lifecycle {
    private enum State { LATENT, STARTED, CLOSED }

    private final String component;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);

    /** @param component how an operator reads its name in an error: "the registry watch" */
    public Lifecycle(String component) {
        this.component = component;
    }

    /** @throws IllegalStateException when it was started before, or is closed */
    public void start() {
        State was = state.compareAndExchange(State.LATENT, State.STARTED);
        if (was != State.LATENT) {
            throw new IllegalStateException(component + (was == State.CLOSED ? " is closed" : " was already started"));
        }
    }

    /**
     * Marks it closed, whatever it was.
     *
     * @return true for the one call that closes it after it was started: that caller releases what the start took
     */
    public boolean close() {
        return state.getAndSet(State.CLOSED) == State.STARTED;
    }

    public boolean isStarted() {
        return state.get() == State.STARTED;
    }

    public boolean isClosed() {
        return state.get() == State.CLOSED;
    }
}
