package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.circusmeta.node.config.OptionRules;
import org.circusmeta.node.config.WatcherSpec;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * add and rm. A watcher added without {@code start: true} stays stopped, as in circusd; with
 * {@code start} and {@code waiting}, {@code started} and {@code kept} come at the top level of the reply.
 *
 * <p>Stateless; runs on the node's loop thread.
 */
final class WatcherCommands {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherCommands.class);

    private WatcherCommands() {}

    static List<Command> all() {
        return List.of(
                Command.of("add", WatcherCommands::add, "name", "cmd"),
                Command.of("rm", WatcherCommands::rm, "name"));
    }

    private static CompletionStage<Reply> add(Call c) {
        String name = c.text("name").orElseThrow();
        JsonNode options = c.prop("options").orElse(CircusJson.object());
        if (!options.isObject()) {
            throw CommandError.message("'options' property should be an object");
        }
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            OptionRules.check(e.getKey(), e.getValue()).ifPresent(reason -> {
                throw CommandError.message(reason);
            });
        }
        if (c.arbiter().watcher(name).isPresent()) {
            throw new GenericError("'" + name + "' already exist");
        }
        WatcherSpec spec = WatcherSpec.defaults(name, c.text("cmd").orElseThrow(),
                c.prop("args").orElse(NullNode.instance), System.getProperty("user.dir"));
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            spec = OptionRules.construct(spec, e.getKey(), e.getValue());
        }
        if (!spec.hooks().isEmpty()) {
            LOG.warn("watcher {}: hooks {} are Python callables, which circusmeta-node does not run; it runs without them",
                    name, spec.hooks());
        }
        Watcher w = c.arbiter().add(spec);
        if (!c.flag("start", false)) {
            return Call.done(Call.ok());
        }
        return c.async("watcher_start", w::start,
                changes -> Reply.ok().put("started", changes.started()).put("kept", changes.kept()).build());
    }

    private static CompletionStage<Reply> rm(Call c) {
        Watcher w = c.watcher(c.text("name").orElseThrow());
        boolean nostop = c.flag("nostop", false);
        return c.async("arbiter_rm_watcher", () -> c.arbiter().remove(w, nostop), v -> Call.ok());
    }
}
