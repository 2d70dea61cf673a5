package org.circusmeta.manager.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet operation that takes a while (a rolling restart; a drain, an apply), as it goes: what it is
 * about, its steps in order (one per node, or per watcher), each with its result so far, and whether
 * it runs, is done or failed. The use case that runs it sets the steps; the doors read a
 * {@link Snapshot}, or follow it: a follower is told each step that changes and the end, in order
 * (docs/operations.md says how the HTTP API streams it).
 *
 * <p>Thread-safe. Followers are told under the operation's lock: they must return at once (put the
 * event on a queue) and never call back into it.
 */
public final class Operation {
    private static final Logger LOG = LoggerFactory.getLogger(Operation.class);

    /** Where an operation stands. */
    public enum State {
        RUNNING, DONE, FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What each step acts on. */
    public enum Subject {
        NODE, WATCHER
    }

    /** One step: its node (or watcher), its result so far ({@code pending}, {@code restarting}, ...), why, and since when. */
    public record Step(String subject, String result, Optional<String> reason, Instant at) {}

    /** The operation as it stands at one instant. Immutable. */
    public record Snapshot(String id, String kind, String about, Subject subject, State state, Instant startedAt,
            Optional<Instant> endedAt, List<Step> steps, Optional<String> message) {
        public Snapshot {
            steps = List.copyOf(steps);
        }
    }

    /** What a follower is told: a step that changed, or the end. */
    public sealed interface Event permits StepChanged, Finished {}

    public record StepChanged(String id, int index, Step step) implements Event {}

    public record Finished(Snapshot snapshot) implements Event {}

    private final String id;
    private final String kind;
    private final String about;
    private final Subject subject;
    private final Instant startedAt = Instant.now();
    private final List<Step> steps = new ArrayList<>();
    private final List<Consumer<Event>> followers = new ArrayList<>();
    private final CompletableFuture<Snapshot> finished = new CompletableFuture<>();
    private State state = State.RUNNING;
    private Instant endedAt;
    private String message;

    /** @param subjects each step's node or watcher, in the order the operation takes them, all {@code result} at first */
    Operation(String id, String kind, String about, Subject subject, List<String> subjects, String result) {
        this.id = id;
        this.kind = kind;
        this.about = about;
        this.subject = subject;
        subjects.forEach(s -> steps.add(new Step(s, result, Optional.empty(), startedAt)));
    }

    public String id() {
        return id;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, kind, about, subject, state, startedAt, Optional.ofNullable(endedAt), steps,
                Optional.ofNullable(message));
    }

    /** Completes with the last snapshot once the operation is done or failed; never fails. */
    public CompletableFuture<Snapshot> finished() {
        return finished;
    }

    /**
     * Follows the operation from now on: the snapshot as it stands, then every event after it, the
     * {@link Finished} one last. An operation already over tells nothing more.
     */
    public synchronized Snapshot follow(Consumer<Event> follower) {
        if (state == State.RUNNING) {
            followers.add(follower);
        }
        return snapshot();
    }

    public synchronized void unfollow(Consumer<Event> follower) {
        followers.remove(follower);
    }

    /** The step of that node (or watcher) has a new result; nothing once the operation is over. */
    synchronized void step(String subjectName, String result, Optional<String> reason) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).subject().equals(subjectName) && state == State.RUNNING) {
                Step step = new Step(subjectName, result, reason, Instant.now());
                steps.set(i, step);
                tell(new StepChanged(id, i, step));
                return;
            }
        }
    }

    void finish(State end, String summary) {
        Snapshot last;
        synchronized (this) {
            if (state != State.RUNNING) {
                return;
            }
            state = end;
            endedAt = Instant.now();
            message = summary;
            last = snapshot();
            tell(new Finished(last));
            followers.clear();
        }
        // Outside the lock: what depends on the end runs here.
        finished.complete(last);
    }

    private void tell(Event event) {
        for (Consumer<Event> follower : List.copyOf(followers)) {
            try {
                follower.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a follower of operation {} failed and is dropped", id, e);
                followers.remove(follower);
            }
        }
    }
}
