package org.circusmeta.manager.resources;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.Failure;

/** How a resource reads a use case's result, and who it tells the use case is asking. Stateless. */
final class Answers {
    private Answers() {}

    /**
     * The result when it is the success expected; a failure is thrown, for {@link ErrorResponses} to
     * answer with its status.
     */
    static <S> S success(Object result, Class<S> expected) {
        if (expected.isInstance(result)) {
            return expected.cast(result);
        }
        throw new FailedRequest((Failure) result);
    }

    /** The HTTP client, by the name its credentials carry. */
    static Actor actor(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
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
