package org.circusmeta.manager.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.command.NodeRefusedException;
import org.circusmeta.manager.command.NodeTimeoutException;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.manager.reconcile.ClusterWatchers;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.watchers.NodeWatchers;
import org.circusmeta.manager.watchers.UnknownWatcherException;
import org.circusmeta.manager.watchers.WatcherActions;
import org.circusmeta.manager.watchers.WatcherStatus;
import org.circusmeta.manager.watchers.WatcherSurvey;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/** {@code /api/watchers}: the cluster's watchers, adding, removing and acting on them. Thread-safe. */
@Path("/api/watchers")
@Produces(MediaType.APPLICATION_JSON)
public class WatchersResource {
    private static final Set<String> ACTIONS = Set.of("start", "stop", "restart", "incr", "decr");

    private final NodeConnections connections;
    private final RegistryWatch registry;
    private final FanOut fanOut;
    private final WatcherSurvey survey;
    private final WatcherActions actions;
    private final ClusterWatchers clusterWatchers;

    public WatchersResource(NodeConnections connections, RegistryWatch registry, FanOut fanOut, WatcherSurvey survey,
            WatcherActions actions, ClusterWatchers clusterWatchers) {
        this.connections = connections;
        this.registry = registry;
        this.fanOut = fanOut;
        this.survey = survey;
        this.actions = actions;
        this.clusterWatchers = clusterWatchers;
    }

    @GET
    public ArrayNode list() {
        List<NodeWatchers> all = survey.survey(actions.candidates(), Deadline.in(fanOut.defaultDeadline())).join();
        Map<String, ObjectNode> byName = new TreeMap<>();
        Set<String> cluster = registry.current().clusterWatchers();
        for (NodeWatchers node : all) {
            for (WatcherStatus w : node.watchers()) {
                ObjectNode entry = byName.computeIfAbsent(w.name(), name -> {
                    ObjectNode json = CircusJson.object();
                    json.put("name", name);
                    json.putObject("nodes");
                    json.put("cluster", cluster.contains(name.toLowerCase(Locale.ROOT)));
                    return json;
                });
                ObjectNode onNode = ((ObjectNode) entry.get("nodes")).putObject(node.node());
                onNode.put("status", w.status());
                if (w.numprocesses() < 0) {
                    onNode.putNull("numprocesses");
                } else {
                    onNode.put("numprocesses", w.numprocesses());
                }
            }
        }
        for (String recorded : cluster) {
            if (byName.keySet().stream().noneMatch(recorded::equalsIgnoreCase)) {
                ObjectNode nowhere = CircusJson.object();
                nowhere.put("name", recorded);
                nowhere.putObject("nodes");
                nowhere.put("cluster", true);
                byName.put(recorded, nowhere);
            }
        }
        ArrayNode json = CircusJson.mapper().createArrayNode();
        byName.values().forEach(json::add);
        return json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull @Valid AddWatcherRequest body) {
        ObjectNode properties = body.toAddProperties();
        if (body.node() == null) {
            ClusterWatchers.Added added = clusterWatchers.add(new WatcherSpec(body.name(),
                    body.constraints() == null ? Map.of() : body.constraints(),
                    properties.path("options").path("numprocesses").asInt(1)), properties);
            return created(body.name(), added.node(), added.reason());
        }
        // Pinned: never recorded, never moved; it lives and dies with its node, like a watcher of its circus.ini.
        clusterWatchers.requireNotClusterWatcher(body.name());
        String node = requireNode(body.node());
        NodeOutcome outcome = fanOut.run(Request.of("add", properties), List.of(node), fanOut.defaultDeadline())
                .join().outcomes().get(0);
        Reply reply = requireAnswer(outcome, "add");
        if (reply.isError()) {
            throw new NodeRefusedException(node, "add", reply);
        }
        return created(body.name(), node, "named in the request");
    }

    private static Response created(String name, String node, String reason) {
        ObjectNode json = CircusJson.object();
        json.put("name", name);
        json.put("node", node);
        json.put("reason", reason);
        return Response.status(Response.Status.CREATED).entity(json).build();
    }

    @DELETE
    @Path("/{name}")
    public ObjectNode remove(
            @PathParam("name") @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node) {
        boolean recorded = clusterWatchers.forget(name, Optional.ofNullable(node));
        try {
            return results(actions.run(name, Optional.ofNullable(node), Request.of("rm").with("name", name)));
        } catch (UnknownWatcherException e) {
            if (recorded) {
                return results(new FanOutResult(List.of()));
            }
            throw e;
        }
    }

    @POST
    @Path("/{name}/{action}")
    public ObjectNode act(
            @PathParam("name") @Pattern(regexp = Names.WATCHER, message = Names.WATCHER_MESSAGE) String name,
            @PathParam("action") String action,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @QueryParam("nb") @Min(value = 1, message = "must be at least 1") Integer nb) {
        if (!ACTIONS.contains(action)) {
            throw new UnknownActionException(action);
        }
        boolean counted = action.equals("incr") || action.equals("decr");
        if (nb != null && !counted) {
            throw new InvalidRequestException("nb: only incr and decr take a count, not " + action);
        }
        Request request = Request.of(action).with("name", name);
        if (counted) {
            request = request.with("nb", nb == null ? 1 : nb);
        }
        return results(actions.run(name, Optional.ofNullable(node), request));
    }

    private String requireNode(String node) {
        connections.summary(node);
        return node;
    }

    private Reply requireAnswer(NodeOutcome outcome, String command) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            throw new NodeTimeoutException(outcome.node(), command, fanOut.defaultDeadline(), failed.failure());
        }
        return outcome.answer().orElseThrow();
    }

    private static ObjectNode results(FanOutResult result) {
        ObjectNode json = CircusJson.object();
        json.set("results", result.toJson());
        return json;
    }
}
