package org.circusmeta.manager.resources;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.circusmeta.api.Names;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.LogsResult;
import org.circusmeta.manager.core.LogsTail;
import org.circusmeta.manager.logs.FollowStream;
import org.circusmeta.manager.logs.LogFeeds;
import org.circusmeta.manager.logs.LogsReader;
import org.circusmeta.manager.logs.SseText;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * {@code GET /api/logs?watcher=W[&node=N][&tail=K][&follow=true]}: the last K lines (100 by default) that
 * watcher W's processes wrote on each node that has it, or on node N, merged oldest first.
 * {@code watcher=N:W} stands for {@code node=N&watcher=W}. When some nodes could not give theirs (no
 * answer in time, an output that cannot be read), the lines of the others come with a {@code Warning}
 * header per such node saying why and how to fix it. 404 for an unknown node or a watcher no node has;
 * 409 when the nodes that have it cannot read its output (the message gives the circus.ini lines that fix
 * it); 504 when no node answered.
 *
 * <p>With {@code follow=true}: server-sent events, the tail first when {@code tail} is given, then every
 * new line of every node as it comes, and {@code notice} events for what happens to the nodes (README,
 * "Logs"); 429 when {@code circus.logs.maxReaders} follow already.
 *
 * <p>Thread-safe.
 */
@Path("/api/logs")
public class LogsResource {
    private static final int TOO_MANY_REQUESTS = 429;

    private final LogsTail logs;
    private final Optional<LogFeeds> follows;
    private final Optional<Executor> senders;

    /** A resource that tails only. */
    public LogsResource(LogsTail logs) {
        this.logs = logs;
        this.follows = Optional.empty();
        this.senders = Optional.empty();
    }

    /** @param senders the threads that send the followers their lines, one each while it follows */
    public LogsResource(LogsTail logs, LogFeeds follows, Executor senders) {
        this.logs = logs;
        this.follows = Optional.of(follows);
        this.senders = Optional.of(senders);
    }

    /**
     * What a following {@code GET} would answer, without the stream: a {@code HEAD} must end, and it takes no
     * reader slot.
     */
    @HEAD
    public Response head(@QueryParam("follow") @DefaultValue("false") boolean follow) {
        return Response.ok().type(follow ? MediaType.SERVER_SENT_EVENTS_TYPE : MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response tail(
            @QueryParam("watcher") @NotBlank(message = "name the watcher: ?watcher=NAME (or NODE:NAME)")
            @Pattern(regexp = "(" + Names.NODE + ":)?" + Names.WATCHER, message = Names.WATCHER_MESSAGE)
            String watcher,
            @QueryParam("node") @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node,
            @QueryParam("tail") @Min(value = 1, message = "tail must be at least 1")
            @Max(value = 10_000, message = "tail must be at most 10000 lines") Integer tail,
            @QueryParam("follow") @DefaultValue("false") boolean follow) {
        String name = watcher;
        Optional<String> on = Optional.ofNullable(node);
        int colon = watcher.indexOf(':');
        if (colon > 0) {
            on = Optional.of(watcher.substring(0, colon));
            name = watcher.substring(colon + 1);
        }
        if (follow) {
            return follow(name, on, Optional.ofNullable(tail));
        }
        LogsResult result = logs.tail(name, on, tail == null ? 100 : tail).join();
        if (result instanceof LogsResult.Lines lines) {
            return warned(Response.ok(lines.lines().stream().map(SseText::view).toList(), MediaType.APPLICATION_JSON_TYPE),
                    lines.problems());
        }
        return refusal(result);
    }

    /**
     * Subscribes first, then tails (on the same node connections): every line after the tail is in the
     * reader's queue, and those the tail held too are skipped.
     */
    private Response follow(String watcher, Optional<String> node, Optional<Integer> tail) {
        LogFeeds feeds = follows.orElseThrow(() -> new IllegalStateException("this manager does not follow logs"));
        LogsReader reader = feeds.subscribe(watcher, node).orElse(null);
        if (reader == null) {
            return ErrorResponses.error(TOO_MANY_REQUESTS, feeds.maxReaders() + " readers follow logs already, the most"
                    + " this manager serves (circus.logs.maxReaders); stop one, or try again later");
        }
        LogsResult result;
        try {
            result = logs.tail(watcher, node, tail.orElse(1)).join();
        } catch (RuntimeException e) {
            feeds.unsubscribe(reader);
            throw e;
        }
        if (!(result instanceof LogsResult.Lines lines)) {
            feeds.unsubscribe(reader);
            return refusal(result);
        }
        FollowStream stream = new FollowStream(feeds, reader, tail.isPresent() ? lines.lines() : List.of(),
                lines.problems());
        ChunkedOutput<String> output = new ChunkedOutput<>(String.class);
        try {
            senders.orElseThrow().execute(() -> stream.send(output));
        } catch (RejectedExecutionException e) {
            feeds.unsubscribe(reader);
            return ErrorResponses.error(TOO_MANY_REQUESTS, "no thread is free to send the lines yet (a reader that just"
                    + " left still holds one); try again in a moment");
        }
        return warned(Response.ok(output, MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache"),
                lines.problems());
    }

    /** One header a problem, as a quoted warning text: no quote or line break of its own inside. */
    private static Response warned(Response.ResponseBuilder ok, List<String> problems) {
        problems.forEach(p -> ok.header("Warning",
                "199 circusmeta \"" + p.replace('"', '\'').replace('\n', ' ').replace('\r', ' ') + "\""));
        return ok.build();
    }

    private static Response refusal(LogsResult result) {
        if (result instanceof LogsResult.NothingReadable n) {
            return ErrorResponses.error(409, n.message());
        }
        if (result instanceof LogsResult.NoneAnswered n) {
            return ErrorResponses.error(504, n.message());
        }
        return ErrorResponses.failure((Failure) result);
    }
}
