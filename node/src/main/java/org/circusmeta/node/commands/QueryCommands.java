package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.circusmeta.node.arbiter.ListeningSockets;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;

/**
 * The read-only commands: list, status, numprocesses, numwatchers, globaloptions, listsockets,
 * options, get. All synchronous.
 *
 * <p>Stateless; runs on the node's loop thread.
 */
final class QueryCommands {
    private QueryCommands() {}

    static List<Command> all() {
        return List.of(
                Command.of("list", QueryCommands::list),
                Command.of("status", QueryCommands::status),
                Command.of("numprocesses", QueryCommands::numprocesses),
                Command.of("numwatchers", c -> Call.done(Reply.ok().put("numwatchers", c.arbiter().watchers().size()).build())),
                Command.of("globaloptions", QueryCommands::globalOptions),
                Command.of("listsockets", QueryCommands::listSockets),
                Command.of("options", c -> Call.done(Reply.ok().put("options", c.watcher(c.text("name").orElseThrow())
                        .spec().options()).build()), "name"),
                Command.of("get", QueryCommands::get, "name", "keys"));
    }

    private static CompletionStage<Reply> list(Call c) {
        if (c.text("name").isPresent()) {
            return Call.done(Reply.ok().put("pids", c.watcher(c.text("name").get()).pids()).build());
        }
        List<String> names = new ArrayList<>();
        c.arbiter().watchers().forEach(w -> names.add(w.name().toLowerCase(Locale.ROOT)));
        names.sort(null);
        return Call.done(Reply.ok().put("watchers", names).build());
    }

    private static CompletionStage<Reply> status(Call c) {
        if (c.text("name").isPresent()) {
            return Call.done(Reply.withStatus(c.watcher(c.text("name").get()).state().wireName()).build());
        }
        ObjectNode statuses = CircusJson.object();
        c.arbiter().watchers().forEach(w -> statuses.put(w.name(), w.state().wireName()));
        return Call.done(Reply.ok().put("statuses", statuses).build());
    }

    private static CompletionStage<Reply> numprocesses(Call c) {
        if (c.text("name").isPresent()) {
            Watcher w = c.watcher(c.text("name").get());
            return Call.done(Reply.ok().put("numprocesses", w.processes().size())
                    .put("watcher_name", c.prop("name").orElseThrow()).build());
        }
        return Call.done(Reply.ok().put("numprocesses", c.arbiter().processCount()).build());
    }

    private static CompletionStage<Reply> globalOptions(Call c) {
        GlobalOptions g = c.context().options();
        ObjectNode all = CircusJson.object();
        all.put("endpoint", g.endpoint());
        if (g.statsEndpoint().isPresent()) {
            all.put("stats_endpoint", g.statsEndpoint().get());
        } else {
            all.putNull("stats_endpoint");
        }
        all.put("pubsub_endpoint", g.pubsubEndpoint());
        all.put("check_delay", g.checkDelay());
        all.put("multicast_endpoint", g.multicastEndpoint());
        if (c.text("option").isPresent()) {
            String option = c.text("option").get();
            if (!all.has(option)) {
                throw CommandError.message("'" + option + "' not an existing option");
            }
            ObjectNode one = CircusJson.object();
            one.set(option, all.get(option));
            return Call.done(Reply.ok().put("options", one).build());
        }
        return Call.done(Reply.ok().put("options", all).build());
    }

    private static CompletionStage<Reply> listSockets(Call c) {
        ArrayNode sockets = CircusJson.mapper().createArrayNode();
        for (ListeningSockets.Bound b : c.arbiter().sockets().list()) {
            ObjectNode s = sockets.addObject();
            s.put("fd", b.fd());
            s.put("name", b.spec().name());
            s.put("backlog", b.spec().backlog());
            if (b.spec().path().isPresent()) {
                s.put("path", b.spec().path().get());
            } else {
                s.put("host", b.spec().host());
                s.put("port", b.port());
            }
        }
        return Call.done(Reply.ok().put("sockets", sockets).build());
    }

    private static CompletionStage<Reply> get(Call c) {
        Watcher w = c.watcher(c.text("name").orElseThrow());
        JsonNode keys = c.prop("keys").orElse(CircusJson.mapper().createArrayNode());
        List<String> wanted = new ArrayList<>();
        if (keys.isArray()) {
            keys.forEach(k -> wanted.add(k.asText()));
        } else {
            wanted.add(keys.asText());
        }
        ObjectNode options = CircusJson.object();
        for (String key : wanted) {
            options.set(key, w.spec().option(key).orElseThrow(() -> CommandError.message("'" + key + "' option not found")));
        }
        return Call.done(Reply.ok().put("options", options).build());
    }
}
