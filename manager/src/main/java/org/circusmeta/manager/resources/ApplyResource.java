package org.circusmeta.manager.resources;

import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.circusmeta.manager.core.ApplyState;
import org.circusmeta.manager.core.OperationResult;
import org.circusmeta.manager.core.UseCases;

/**
 * {@code POST /api/apply}: makes the cluster watchers what a file says ({@link DesiredStateReader}), with
 * {@code dry_run} the plan only, with {@code prune} removing the cluster watchers the file does not name;
 * answered as {@link OperationReplies} says, the plan as the operation's first steps. Thread-safe.
 */
@Path("/api/apply")
@Produces({MediaType.APPLICATION_JSON, OperationReplies.NDJSON})
public class ApplyResource {
    static final String YAML = "application/yaml";

    private final UseCases cases;
    private final OperationReplies replies;
    private final DesiredStateReader reader;

    public ApplyResource(UseCases cases, OperationReplies replies, Validator validator) {
        this.cases = cases;
        this.replies = replies;
        this.reader = new DesiredStateReader(validator);
    }

    @POST
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response apply(String file, @QueryParam("dry_run") boolean dryRun, @QueryParam("prune") boolean prune,
            @Context HttpHeaders headers, @Context SecurityContext security) {
        ApplyState state = new ApplyState(reader.read(file), prune, dryRun);
        OperationResult.Started started = Answers.success(cases.changes().apply(Answers.actor(security), state,
                cases.within()), OperationResult.Started.class);
        return replies.answer(started.operation(), headers);
    }
}
