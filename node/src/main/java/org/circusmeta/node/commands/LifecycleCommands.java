package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.circusmeta.node.watcher.PidChanges;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;

/**
 * start, stop, restart, reload, reloadconfig and quit, with circusd's reply shapes: one watcher
 * matched gives {@code info} with {@code waiting}; several, or none named, a plain ok.
 *
 * <p>Stateless; runs on the node's loop thread.
 */
final class LifecycleCommands {
    private LifecycleCommands() {}

    static List<Command> all() {
        return List.of(
                Command.of("start", LifecycleCommands::start),
                Command.of("stop", LifecycleCommands::stop),
                Command.of("restart", LifecycleCommands::restart),
                Command.of("reload", LifecycleCommands::reload),
                Command.of("reloadconfig", c -> c.async("arbiter_reload_config", () -> c.arbiter().reloadConfig(),
                        v -> Call.ok())),
                Command.of("quit", c -> c.async(() -> c.arbiter().quit(), v -> Call.ok())));
    }

    private static CompletionStage<Reply> start(Call c) {
        if (c.text("name").isEmpty()) {
            return c.async("arbiter_start_watchers", () -> c.arbiter().startAll(), v -> Call.ok());
        }
        List<Watcher> found = c.matching(c.text("name").get());
        if (found.size() == 1) {
            Watcher w = found.get(0);
            return c.async("watcher_start", w::start, changes -> Reply.ok().put("info", info(changes, false)).build());
        }
        return c.async("watcher_start", () -> each(found, Watcher::start), v -> Call.ok());
    }

    private static CompletionStage<Reply> stop(Call c) {
        if (c.text("name").isEmpty()) {
            return c.async("arbiter_stop_watchers", () -> c.arbiter().stopAll(), v -> Call.ok());
        }
        List<Watcher> found = c.matching(c.text("name").get());
        if (found.size() == 1) {
            return c.async("watcher_stop", found.get(0)::stop, v -> Reply.ok().put("info", NullNode.instance).build());
        }
        return c.async("watcher_stop", () -> all(found, Watcher::stop), v -> Call.ok());
    }

    private static CompletionStage<Reply> restart(Call c) {
        if (c.text("name").isEmpty()) {
            return c.async("arbiter_restart", () -> c.arbiter().restart(), v -> Call.ok());
        }
        List<Watcher> found = c.matching(c.text("name").get());
        if (found.size() == 1) {
            Watcher w = found.get(0);
            return c.async("watcher_restart", w::restart, changes -> Reply.ok().put("info", info(changes, true)).build());
        }
        return c.async("watcher_restart", () -> all(found, Watcher::restart), v -> Call.ok());
    }

    private static CompletionStage<Reply> reload(Call c) {
        boolean graceful = c.flag("graceful", true);
        boolean sequential = c.flag("sequential", false);
        if (c.text("name").isPresent()) {
            Watcher w = c.watcher(c.text("name").get());
            return c.async("watcher_reload", () -> w.reload(graceful, sequential),
                    changes -> Reply.ok().put("info", info(changes, true)).build());
        }
        List<Watcher> watchers = c.arbiter().watchers();
        return c.async("arbiter_reload", () -> each(watchers, w -> w.reload(graceful, sequential)), v -> Call.ok());
    }

    static ObjectNode info(PidChanges changes, boolean withStopped) {
        ObjectNode info = CircusJson.object();
        if (withStopped) {
            info.set("stopped", CircusJson.mapper().valueToTree(changes.stopped()));
        }
        info.set("started", CircusJson.mapper().valueToTree(changes.started()));
        info.set("kept", CircusJson.mapper().valueToTree(changes.kept()));
        return info;
    }

    /** One after the other, as circusd starts and reloads several watchers. */
    private static CompletableFuture<Void> each(List<Watcher> watchers, Function<Watcher, CompletableFuture<?>> action) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Watcher w : watchers) {
            chain = chain.thenCompose(v -> action.apply(w)).thenApply(x -> null);
        }
        return chain;
    }

    /** All at once, as circusd stops several watchers. */
    private static CompletableFuture<Void> all(List<Watcher> watchers, Function<Watcher, CompletableFuture<?>> action) {
        List<CompletableFuture<?>> running = new ArrayList<>();
        watchers.forEach(w -> running.add(action.apply(w)));
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }
}
