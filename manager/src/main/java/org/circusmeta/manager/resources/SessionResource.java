package org.circusmeta.manager.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.circusmeta.api.SessionView;
import org.circusmeta.manager.core.Actor;

/**
 * {@code GET /api/session}: the caller as the access filter admitted it, its name and role, so that a
 * client (the dashboard) can show what that role cannot do as disabled. It changes nothing and tells
 * a caller only about itself.
 *
 * <p>Thread-safe (stateless).
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    @GET
    public SessionView session(@Context SecurityContext security) {
        Actor actor = Answers.actor(security);
        return new SessionView(actor.who(), actor.role().wireName());
    }
}
