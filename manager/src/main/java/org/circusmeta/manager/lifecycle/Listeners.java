package org.circusmeta.manager.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The listeners of one component, told of each event in the order they were added. One that throws
 * is logged and the others are still told, so that a bad listener never breaks its neighbours or
 * the thread that tells them.
 *
 * <p>Thread-safe: listeners may be added while events are told; an event is told to the listeners
 * present when it starts.
 */
public final class Listeners<L> {
    private final Logger log;
    private final String kind;
    private final List<L> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param log the owner's logger, so that a failure is logged under the component that told it
     * @param kind what the listeners are, for the log: "registry listener"
     */
    public Listeners(Logger log, String kind) {
        this.log = log;
        this.kind = kind;
    }

    public void add(L listener) {
        listeners.add(listener);
    }

    public void tell(Consumer<? super L> event) {
        for (L listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.error("a {} ({}) failed; the others are still told", kind, listener.getClass().getSimpleName(), e);
            }
        }
    }
}
