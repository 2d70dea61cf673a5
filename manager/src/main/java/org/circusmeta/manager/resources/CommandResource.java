package org.circusmeta.manager.resources;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.manager.core.RawCommand;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.core.UseCases;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Request;

/** {@code POST /api/command}: one circus command on the named nodes, or on all, in parallel. Thread-safe. */
@Path("/api/command")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommandResource {
    private final UseCases cases;

    public CommandResource(UseCases cases) {
        this.cases = cases;
    }

    @POST
    public CommandResults run(@NotNull @Valid CommandRequest body, @Context SecurityContext security) {
        Request request = Request.of(body.command(), body.properties() == null ? CircusJson.object() : body.properties());
        RawCommand command = new RawCommand(request, Optional.ofNullable(body.nodes()));
        return Answers.success(cases.changes().run(Answers.actor(security), command, cases.within()), RunResult.Ran.class)
                .result().toResults();
    }
}
