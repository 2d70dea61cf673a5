package org.circusmeta.manager.resources;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.circusmeta.manager.auth.Caller;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.lifecycle.Causes;

/** How a resource reads a use case's result, and who it tells the use case is asking. Stateless. */
final class Answers {
    private Answers() {}

    /**
     * Waits for a use case's result: the success expected, or a failure thrown for {@link ErrorResponses}
     * to answer with its status; an exception it ended in is thrown as it is, for the same table.
     */
    static <S> S success(CompletableFuture<?> result, Class<S> expected) {
        Object done;
        try {
            done = result.join();
        } catch (CompletionException e) {
            throw Causes.of(e) instanceof RuntimeException cause ? cause : e;
        }
        if (expected.isInstance(done)) {
            return expected.cast(done);
        }
        throw new FailedRequest((Failure) done);
    }

    /** The HTTP client, by the name and role its token carries ({@link Caller}). */
    static Actor actor(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal instanceof Caller caller) {
            return Actor.of(Actor.Door.HTTP_API, caller.name(), caller.role());
        }
        return Actor.of(Actor.Door.HTTP_API, principal == null ? "a client" : principal.getName());
    }

    /** A use case's failure, on its way to {@link ErrorResponses}. */
    static final class FailedRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        FailedRequest(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }
}
