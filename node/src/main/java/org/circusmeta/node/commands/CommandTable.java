package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.server.ControlEndpoint;

/**
 * The 25 commands of circusd 0.19 (docs/protocol.md, "Commands"), dispatched by name without regard to case, with
 * circusd's errors for an unknown command and a missing property. Other refusals come from the
 * commands themselves; an exception a command throws gets circusd's generic errno-5 reply from the
 * control endpoint.
 *
 * <p>Confined to the node's loop thread (the control endpoint calls it there).
 */
public final class CommandTable implements ControlEndpoint.Handler {
    private final CommandContext context;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public CommandTable(CommandContext context) {
        this.context = context;
        List<Command> all = new ArrayList<>();
        all.addAll(QueryCommands.all());
        all.addAll(LifecycleCommands.all());
        all.addAll(ScaleCommands.all());
        all.addAll(WatcherCommands.all());
        all.addAll(SignalCommands.all());
        all.addAll(StatsCommands.all());
        all.add(Command.of("ipython", c -> Call.done(Reply.ok().put("shell", false)
                .put("msg", "No module named 'IPython' (circusmeta-node runs on the JVM and has no IPython shell)").build())));
        all.add(Command.of("listen", c -> Call.done(Reply.error("invalid message. use a pub/sub socket",
                Errno.MESSAGE_ERROR))));
        all.forEach(c -> commands.put(c.name(), c));
    }

    @Override
    public CompletionStage<Reply> handle(Request request) {
        Command command = commands.get(request.commandKey());
        if (command == null) {
            return Call.done(Reply.unknownCommand(request.command()));
        }
        ObjectNode props = request.properties();
        for (String required : command.required()) {
            if (!props.has(required)) {
                return Call.done(Reply.missingProperty(required));
            }
        }
        try {
            return command.body().apply(new Call(request, context));
        } catch (CommandError e) {
            return Call.done(e.reply());
        }
    }
}
