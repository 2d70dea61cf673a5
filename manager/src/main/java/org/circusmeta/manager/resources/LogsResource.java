package org.circusmeta.manager.resources;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.circusmeta.api.LogLineView;
import org.circusmeta.api.Names;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.LogsResult;
import org.circusmeta.manager.core.LogsTail;
import org.circusmeta.protocol.logs.LogLine;

/**
 * {@code GET /api/logs?watcher=W[&node=N][&tail=K]}: the last K lines (100 by default) that watcher W's
 * processes wrote on each node that has it, or on node N, merged oldest first. {@code watcher=N:W} stands for
 * {@code node=N&watcher=W}. When some nodes could not give theirs (no answer in time, an output that
 * cannot be read), the lines of the others come with a {@code Warning} header per such node saying why
 * and how to fix it. 404 for an unknown node or a watcher no node has; 409 when the nodes that have it
 * cannot read its output (the message gives the circus.ini lines that fix it); 504 when no node answered.
 *
 * <p>Thread-safe.
 */
@Path("/api/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {
    private final LogsTail logs;

    public LogsResource(LogsTail logs) {
        this.logs = logs;
    }

    @GET
    public Response tail(
            @QueryParam("watcher") @NotBlank(message = "name the watcher: ?watcher=NAME (or NODE:NAME)")
            @Pattern(regexp = "(" + Names.NODE + ":)?" + Names.WATCHER, message = Names.WATCHER_MESSAGE)
            String watcher,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @QueryParam("tail") @DefaultValue("100") @Min(value = 1, message = "tail must be at least 1")
            @Max(value = 10_000, message = "tail must be at most 10000 lines") int tail) {
        String name = watcher;
        Optional<String> on = Optional.ofNullable(node);
        int colon = watcher.indexOf(':');
        if (colon > 0) {
            on = Optional.of(watcher.substring(0, colon));
            name = watcher.substring(colon + 1);
        }
        LogsResult result = logs.tail(name, on, tail).join();
        if (result instanceof LogsResult.Lines lines) {
            Response.ResponseBuilder ok = Response.ok(lines.lines().stream().map(LogsResource::view).toList());
            // One header a problem, as a quoted warning text: no quote or line break of its own inside.
            lines.problems().forEach(p -> ok.header("Warning",
                    "199 circusmeta \"" + p.replace('"', '\'').replace('\n', ' ').replace('\r', ' ') + "\""));
            return ok.build();
        }
        if (result instanceof LogsResult.NothingReadable n) {
            return ErrorResponses.error(409, n.message());
        }
        if (result instanceof LogsResult.NoneAnswered n) {
            return ErrorResponses.error(504, n.message());
        }
        return ErrorResponses.failure((Failure) result);
    }

    static LogLineView view(LogLine line) {
        Integer pid = line.pid().isPresent() ? Integer.valueOf(Math.toIntExact(line.pid().getAsLong())) : null;
        return new LogLineView(line.node().orElse(""), line.watcher(), pid, line.stream().wireName(), line.time(), line.line());
    }
}
