package org.circusmeta.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.Names;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.api.ScaleRequest;
import org.circusmeta.api.ScaledWatcher;
import org.circusmeta.api.WatcherView;
import org.circusmeta.manager.core.AddResult;
import org.circusmeta.manager.core.AddWatcher;
import org.circusmeta.manager.core.OperationResult;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.core.ScaleResult;
import org.circusmeta.manager.core.ScaleWatcher;
import org.circusmeta.manager.core.UseCases;
import org.circusmeta.manager.core.WatcherAction;
import org.circusmeta.manager.core.WatcherCommand;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;

/** {@code /api/watchers}: the cluster's watchers, adding, scaling, removing and acting on them. Thread-safe. */
@Path("/api/watchers")
@Produces(MediaType.APPLICATION_JSON)
public class WatchersResource {
    private final UseCases cases;
    private final OperationReplies replies;

    public WatchersResource(UseCases cases, OperationReplies replies) {
        this.cases = cases;
        this.replies = replies;
    }

    @GET
    public List<WatcherView> list() {
        return cases.reads().watchers(cases.within()).join().stream().map(Views::watcher).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull @Valid AddWatcherRequest body, @Context SecurityContext security) {
        WatcherDefinition definition = definition(body);
        AddWatcher add = body.node() == null
                ? AddWatcher.placed(definition, Instances.read(body.instances()).orElse(Instances.ONE),
                        Optional.ofNullable(body.spread()), false)
                : AddWatcher.pinned(definition, body.node(), false);
        AddResult.Added added = Answers.success(cases.changes().add(Answers.actor(security), add, cases.within()),
                AddResult.Added.class);
        boolean several = body.instances() != null && !body.instances().isNull() || !added.notStarted().isEmpty();
        return Response.status(Response.Status.CREATED).entity(new AddedWatcher(body.name(), added.node(), added.reason(),
                several ? Views.copies(added.copies()) : null, several ? added.notStarted() : null)).build();
    }

    @PATCH
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScaledWatcher scale(
            @PathParam("name") @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
            @NotNull @Valid ScaleRequest body, @Context SecurityContext security) {
        ScaleWatcher scale = new ScaleWatcher(name, Instances.read(body.instances()).orElseThrow());
        ScaleResult.Scaled scaled = Answers.success(cases.changes().scale(Answers.actor(security), scale, cases.within()),
                ScaleResult.Scaled.class);
        return new ScaledWatcher(scaled.name(), scaled.instances().toJson(), Views.copies(scaled.added()), scaled.removed(),
                scaled.copies(), scaled.notStarted());
    }

    /**
     * The watcher the body asks for: its own fields over those of the same name in {@code options}. A count in
     * {@code options} is held to the same range as the top-level one; one of another type goes to the node,
     * which refuses it in its own words.
     */
    static WatcherDefinition definition(AddWatcherRequest body) {
        JsonNode count = body.options() == null ? null : body.options().get("numprocesses");
        if (count != null && count.isNumber() && !(count.isIntegralNumber() && count.canConvertToInt() && count.intValue() >= 0)) {
            throw new WebApplicationException("options.numprocesses: must be a whole number from 0 to 2147483647, not "
                    + count, ErrorResponses.UNPROCESSABLE);
        }
        WatcherDefinition definition = WatcherDefinition.of(body.name(), body.cmd(),
                body.args() == null || body.args().isNull() ? null : body.args(),
                body.options() == null ? CircusJson.object() : body.options(), body.start() == null || body.start(),
                body.constraints() == null ? Map.of() : body.constraints());
        if (body.numprocesses() != null) {
            definition = definition.withNumprocesses(body.numprocesses());
        }
        if (body.env() != null) {
            definition = definition.withEnv(body.env());
        }
        return body.workingDir() == null ? definition : definition.withWorkingDir(body.workingDir());
    }

    /** 200 when done; 202 with {@code pending} when the rest of the removal is left to the leader. */
    @DELETE
    @Path("/{name}")
    public Response remove(
            @PathParam("name") @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @Context SecurityContext security) {
        RunResult.Ran ran = Answers.success(cases.changes().onWatcher(Answers.actor(security),
                WatcherCommand.remove(name, Optional.ofNullable(node)), cases.within()), RunResult.Ran.class);
        CommandResults results = new CommandResults(ran.result().toResults().results(), ran.pending().orElse(null));
        return Response.status(ran.pending().isPresent() ? Response.Status.ACCEPTED : Response.Status.OK).entity(results)
                .build();
    }

    /**
     * {@code restart}: as the other actions without a body or with {@code rolling} false; with {@code rolling}
     * true a rolling restart, answered as {@link OperationReplies} says.
     */
    @POST
    @Path("/{name}/restart")
    @Produces({MediaType.APPLICATION_JSON, OperationReplies.NDJSON})
    public Response restart(
            @PathParam("name") @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @Valid RestartRequest body, @Context HttpHeaders headers, @Context SecurityContext security) {
        Optional<String> on = RestartBody.node(node, body);
        if (!RestartBody.isRolling(body)) {
            RestartBody.requireNoRollingOptions(body);
            return Response.ok(run(new WatcherCommand(name, on, WatcherAction.RESTART.request(OptionalInt.empty())),
                    security), MediaType.APPLICATION_JSON_TYPE).build();
        }
        OperationResult.Started started = Answers.success(cases.changes().restartRolling(Answers.actor(security),
                RestartBody.rolling(name, on, body), cases.within()), OperationResult.Started.class);
        return replies.answer(started.operation(), headers);
    }

    @POST
    @Path("/{name}/{action}")
    public CommandResults act(
            @PathParam("name") @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
            @PathParam("action") String action,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @QueryParam("nb") @Min(value = 1, message = "must be at least 1") Integer nb,
            @Context SecurityContext security) {
        WatcherAction what = WatcherAction.named(action).orElseThrow(() -> new WebApplicationException("no watcher action '"
                + action + "'; use start, stop, restart, incr or decr", 404));
        if (nb != null && !what.isCounted()) {
            throw new WebApplicationException("nb: only incr and decr take a count, not " + action,
                    ErrorResponses.UNPROCESSABLE);
        }
        OptionalInt count = nb == null ? OptionalInt.empty() : OptionalInt.of(nb);
        return run(new WatcherCommand(name, Optional.ofNullable(node), what.request(count)), security);
    }

    private CommandResults run(WatcherCommand command, SecurityContext security) {
        return Answers.success(cases.changes().onWatcher(Answers.actor(security), command, cases.within()), RunResult.Ran.class)
                .result().toResults();
    }
}
