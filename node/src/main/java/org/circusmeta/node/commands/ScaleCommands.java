package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.circusmeta.node.config.OptionRules;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.Reply;

/**
 * incr, decr and set: the target number of processes and the other options of a watcher. incr and
 * decr return {@code numprocesses} only with {@code waiting}; a singleton watcher answers at once with
 * its count and {@code singleton: true}.
 *
 * <p>Stateless; runs on the node's loop thread.
 */
final class ScaleCommands {
    private ScaleCommands() {}

    static List<Command> all() {
        return List.of(
                Command.of("incr", c -> scale(c, 1), "name"),
                Command.of("decr", c -> scale(c, -1), "name"),
                Command.of("set", ScaleCommands::set, "name", "options"));
    }

    private static CompletionStage<Reply> scale(Call c, int direction) {
        Watcher w = c.watcher(c.text("name").orElseThrow());
        int nb = c.integer("nb", 1);
        if (w.spec().singleton()) {
            return Call.done(Reply.ok().put("numprocesses", w.spec().numprocesses()).put("singleton", true).build());
        }
        String op = direction > 0 ? "watcher_incr" : "watcher_decr";
        return c.async(op, () -> CompletableFuture.completedFuture(w.setNumprocesses(w.spec().numprocesses() + direction * nb)),
                n -> Reply.ok().put("numprocesses", n).build());
    }

    private static CompletionStage<Reply> set(Call c) {
        Watcher w = c.watcher(c.text("name").orElseThrow());
        JsonNode options = c.prop("options").orElseThrow(() -> CommandError.message("'options' property should be an object"));
        if (!options.isObject()) {
            throw CommandError.message("'options' property should be an object");
        }
        Map<String, JsonNode> checked = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : options.properties()) {
            OptionRules.check(e.getKey(), e.getValue()).ifPresent(reason -> {
                throw CommandError.message(reason);
            });
            checked.put(e.getKey(), e.getValue());
        }
        JsonNode n = checked.get("numprocesses");
        if (n != null && w.spec().singleton() && n.asInt() > 1) {
            throw new GenericError("Singleton watcher has a single process");
        }
        return c.async("watcher_set_opt", () -> w.applyOptions(checked), v -> Call.ok());
    }
}
