package org.circusmeta.manager.resources;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.Names;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.api.RenameRequest;
import org.circusmeta.manager.core.DrainNode;
import org.circusmeta.manager.core.NodeChange;
import org.circusmeta.manager.core.NodeChangeResult;
import org.circusmeta.manager.core.NodeResult;
import org.circusmeta.manager.core.OperationResult;
import org.circusmeta.manager.core.UseCases;

/** {@code /api/nodes}: the registered nodes, one node with its watchers, renames, cordons, drains. Thread-safe. */
@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {
    private final UseCases cases;
    private final OperationReplies replies;

    public NodesResource(UseCases cases, OperationReplies replies) {
        this.cases = cases;
        this.replies = replies;
    }

    @GET
    public List<NodeView> list() {
        return cases.reads().nodes().stream().map(Views::node).toList();
    }

    @GET
    @Path("/{node}")
    public NodeView one(@PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node) {
        NodeResult.Shown shown = Answers.success(cases.reads().node(node, cases.within()), NodeResult.Shown.class);
        NodeView view = Views.node(shown.node());
        return shown.watchers().map(w -> view.withWatchers(Views.watchers(w))).orElse(view);
    }

    @POST
    @Path("/{node}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rename(
            @PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @NotNull @Valid RenameRequest request, @Context SecurityContext security) {
        NodeChangeResult.Changed changed = Answers.success(cases.changes().change(Answers.actor(security),
                NodeChange.rename(node, request.name())), NodeChangeResult.Changed.class);
        return Response.accepted(new RenameAccepted(node, request.name(), changed.message())).build();
    }

    /** No new placement on the node until it is uncordoned; what runs there stays. */
    @POST
    @Path("/{node}/cordon")
    public EligibilityChanged cordon(
            @PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @Context SecurityContext security) {
        return eligibility(NodeChange.cordon(node), false, security);
    }

    @POST
    @Path("/{node}/uncordon")
    public EligibilityChanged uncordon(
            @PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @Context SecurityContext security) {
        return eligibility(NodeChange.uncordon(node), true, security);
    }

    /**
     * Cordons the node, then moves its cluster watchers elsewhere, each new copy active before the old one
     * stops: a long-running operation, answered as {@link OperationReplies} says.
     */
    @POST
    @Path("/{node}/drain")
    @Produces({MediaType.APPLICATION_JSON, OperationReplies.NDJSON})
    public Response drain(
            @PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @Valid DrainRequest body, @Context HttpHeaders headers, @Context SecurityContext security) {
        DrainNode drain = new DrainNode(node, body == null || body.maxParallel() == null ? DrainNode.DEFAULT_MAX_PARALLEL
                : body.maxParallel(), RestartBody.duration("deadline", body == null ? null : body.deadline(),
                        DrainNode.DEFAULT_DEADLINE));
        OperationResult.Started started = Answers.success(cases.changes().drain(Answers.actor(security), drain),
                OperationResult.Started.class);
        return replies.answer(started.operation(), headers);
    }

    private EligibilityChanged eligibility(NodeChange change, boolean eligible, SecurityContext security) {
        NodeChangeResult.Changed changed = Answers.success(cases.changes().change(Answers.actor(security), change),
                NodeChangeResult.Changed.class);
        return new EligibilityChanged(change.node(), eligible, changed.message());
    }
}
