package org.circusmeta.manager.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.command.NodeTimeoutException;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.registry.RenameRequests;
import org.circusmeta.manager.watchers.NodeWatchers;
import org.circusmeta.manager.watchers.WatcherSurvey;
import org.circusmeta.protocol.CircusJson;

/** {@code /api/nodes}: the registered nodes, one node with its watchers, renames. Thread-safe. */
@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {
    private final NodeConnections connections;
    private final WatcherSurvey survey;
    private final RenameRequests renames;

    public NodesResource(NodeConnections connections, WatcherSurvey survey, RenameRequests renames) {
        this.connections = connections;
        this.survey = survey;
        this.renames = renames;
    }

    @GET
    public ArrayNode list() {
        ArrayNode nodes = CircusJson.mapper().createArrayNode();
        connections.summaries().forEach(node -> nodes.add(NodeJson.of(node)));
        return nodes;
    }

    @GET
    @Path("/{node}")
    public ObjectNode one(@PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node) {
        NodeSummary summary = connections.summary(node);
        if (summary.state() == NodeState.INVALID || summary.state() == NodeState.DETACHED) {
            ObjectNode json = NodeJson.of(summary);
            json.putNull("watchers");
            return json;
        }
        Deadline deadline = Deadline.in(connections.settings().commandTimeout());
        NodeWatchers watchers = survey.surveyOne(node, deadline).join();
        if (watchers.failure().isPresent()) {
            throw new NodeTimeoutException(node, "status", deadline.total(), watchers.failure().get());
        }
        return NodeJson.withWatchers(connections.summary(node), watchers.watchers());
    }

    @POST
    @Path("/{node}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rename(
            @PathParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @NotNull @Valid RenameRequest request) {
        connections.summary(node);
        if (request.name().equals(node)) {
            throw new InvalidRequestException("name: the node is already called " + node + "; give a new name");
        }
        if (connections.isRegistered(request.name())) {
            throw new NameTakenException("name: a node called " + request.name() + " is already registered;"
                    + " choose another name or stop that node first");
        }
        renames.request(node, request.name());
        ObjectNode body = CircusJson.object();
        body.put("node", node);
        body.put("name", request.name());
        body.put("message", "rename requested: the registrar of " + node + " re-registers it as " + request.name());
        return Response.accepted(body).build();
    }
}
