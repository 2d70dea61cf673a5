package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.circusmeta.node.arbiter.Arbiter;
import org.circusmeta.node.config.Fnmatch;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request being run: its properties read as circusd reads them, watcher lookups with circusd's
 * errors, and the {@code waiting} rule of asynchronous commands (docs/protocol.md, "waiting").
 *
 * <p>Confined to the node's loop thread.
 */
final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    private final Request request;
    private final CommandContext context;
    private final ObjectNode props;

    Call(Request request, CommandContext context) {
        this.request = request;
        this.context = context;
        this.props = request.properties();
    }

    Request request() {
        return request;
    }

    CommandContext context() {
        return context;
    }

    Arbiter arbiter() {
        return context.arbiter();
    }

    /** Present and not null. */
    Optional<JsonNode> prop(String key) {
        JsonNode v = props.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** A property as text whatever its JSON type (circusd formats names into its messages). */
    Optional<String> text(String key) {
        return prop(key).map(v -> v.isTextual() ? v.textValue() : v.toString());
    }

    /** A flag read as Python reads a truthy value. */
    boolean flag(String key, boolean fallback) {
        return props.has(key) ? request.flag(key) : fallback;
    }

    int integer(String key, int fallback) {
        Optional<JsonNode> v = prop(key);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.get().isIntegralNumber()) {
            throw CommandError.message("'" + key + "' isn't an integer");
        }
        return v.get().intValue();
    }

    /** A pid as circusd accepts it: a number, or a string holding one. */
    static OptionalLong pidOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return OptionalLong.of(value.longValue());
        }
        try {
            return OptionalLong.of(Long.parseLong(value.asText().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** circusd's {@code _get_watcher}: the name without regard to case. */
    Watcher watcher(String name) {
        return arbiter().watcher(name).orElseThrow(() -> CommandError.unknownWatcher(name));
    }

    /** The watchers a name designates under the request's {@code match} method (glob by default). */
    List<Watcher> matching(String name) {
        String method = text("match").orElse("glob");
        List<Watcher> found;
        switch (method) {
            case "simple" -> found = List.of(watcher(name));
            case "glob" -> {
                Pattern p = Fnmatch.compile(name.toLowerCase(Locale.ROOT));
                found = arbiter().watchers().stream().filter(w -> p.matcher(w.name().toLowerCase(Locale.ROOT)).matches())
                        .toList();
            }
            case "regex" -> {
                Pattern p = regex(name);
                found = arbiter().watchers().stream().filter(w -> p.matcher(w.name()).lookingAt()).toList();
            }
            default -> throw CommandError.message("unknown match method " + method);
        }
        if (found.isEmpty()) {
            throw CommandError.unknownWatcher(name);
        }
        return found;
    }

    private static Pattern regex(String name) {
        try {
            return Pattern.compile(name);
        } catch (PatternSyntaxException e) {
            throw new GenericError(e.getDescription() + " at position " + e.getIndex());
        }
    }

    /**
     * Runs state-changing work after the operations queued before it. With {@code waiting} the reply
     * waits for the work and carries what it made of the result ({@code server error}, errno 6, when
     * the work failed); without, a plain ok goes back at once and a failure is only logged.
     */
    <T> CompletionStage<Reply> async(String operation, Supplier<? extends CompletionStage<T>> work,
            Function<T, Reply> whenWaiting) {
        return async(() -> arbiter().operations().submit(operation, work), whenWaiting);
    }

    /** As {@link #async(String, Supplier, Function)}, for work that queues itself ({@code quit}). */
    <T> CompletionStage<Reply> async(Supplier<CompletableFuture<T>> submit, Function<T, Reply> whenWaiting) {
        if (arbiter().isQuitting()) {
            return done(Reply.error("the node is quitting: '" + request.command() + "' was not run", Errno.COMMAND_ERROR));
        }
        CompletableFuture<T> done = submit.get();
        if (flag("waiting", false)) {
            return done.handle((value, error) -> {
                if (error != null) {
                    LOG.warn("'{}' failed: {}", request.command(), rootMessage(error));
                    return Reply.error("server error", Errno.BAD_MSG_DATA_ERROR);
                }
                return whenWaiting.apply(value);
            });
        }
        done.whenComplete((value, error) -> {
            if (error != null) {
                LOG.warn("'{}' failed after its reply was sent: {}", request.command(), rootMessage(error));
            }
        });
        return CompletableFuture.completedFuture(ok());
    }

    static Reply ok() {
        return Reply.ok().build();
    }

    static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
