package org.circusmeta.manager.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.circusmeta.manager.command.CircusCommands;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.UnknownNodeException;
import org.circusmeta.manager.watchers.WatcherActions;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Request;

/** {@code POST /api/command}: one circus command on the named nodes, or on all, in parallel. Thread-safe. */
@Path("/api/command")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommandResource {
    private final NodeConnections connections;
    private final FanOut fanOut;
    private final WatcherActions actions;

    public CommandResource(NodeConnections connections, FanOut fanOut, WatcherActions actions) {
        this.connections = connections;
        this.fanOut = fanOut;
        this.actions = actions;
    }

    @POST
    public ObjectNode run(@NotNull @Valid CommandRequest body) {
        if (!CircusCommands.isKnown(body.command())) {
            throw new InvalidRequestException("command: '" + body.command() + "' is not a circus command; use one of "
                    + CircusCommands.knownList());
        }
        List<String> nodes = body.nodes() == null ? actions.candidates() : requireRegistered(body.nodes());
        Request request = Request.of(body.command(), body.properties() == null ? CircusJson.object() : body.properties());
        FanOutResult result = fanOut.run(request, nodes, fanOut.defaultDeadline()).join();
        ObjectNode json = CircusJson.object();
        json.set("results", result.toJson());
        return json;
    }

    private List<String> requireRegistered(List<String> nodes) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(nodes));
        for (String node : unique) {
            if (!connections.isRegistered(node)) {
                throw new UnknownNodeException(node);
            }
        }
        return unique;
    }
}
