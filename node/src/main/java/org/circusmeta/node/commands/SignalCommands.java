package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.circusmeta.node.process.ChildProcess;
import org.circusmeta.node.process.Signals;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.Reply;

/**
 * signal (synchronous, publishes no event: a death it causes is reaped and replaced like any other)
 * and kill (the stop signal, SIGKILL after the graceful timeout, a {@code kill} event, then a
 * replacement).
 *
 * <p>Stateless; runs on the node's loop thread.
 */
final class SignalCommands {
    private SignalCommands() {}

    static List<Command> all() {
        return List.of(
                Command.of("signal", SignalCommands::signal, "name", "signum"),
                Command.of("kill", SignalCommands::kill, "name"));
    }

    private static CompletionStage<Reply> signal(Call c) {
        if (c.prop("childpid").isPresent() && c.prop("pid").isEmpty()) {
            throw new GenericError("cannot specify childpid without pid");
        }
        int signum = signum(c.prop("signum").orElseThrow(() -> CommandError.message("signal invalid")));
        Watcher w = c.watcher(c.text("name").orElseThrow());
        boolean children = c.flag("children", false);
        boolean recursive = c.flag("recursive", false);
        Optional<Long> pid = c.prop("pid").map(SignalCommands::pid);
        List<ChildProcess> targets = pid.isPresent() ? w.process(pid.get()).map(List::of).orElse(List.of()) : w.processes();
        for (ChildProcess p : targets) {
            if (c.prop("childpid").isPresent()) {
                long child = pid(c.prop("childpid").get());
                if (!p.children().contains(child)) {
                    throw CommandError.message("process " + child + " is not a child of " + p.pid());
                }
                Signals.send(child, signum);
            } else if (children) {
                (recursive ? p.descendants() : p.children()).forEach(d -> Signals.send(d, signum));
            } else {
                p.signal(signum);
            }
        }
        return Call.done(Call.ok());
    }

    private static CompletionStage<Reply> kill(Call c) {
        Watcher w = c.watcher(c.text("name").orElseThrow());
        int signum = c.prop("signum").map(SignalCommands::signum).orElse(w.spec().stopSignal());
        double graceful = c.prop("graceful_timeout").map(v -> {
            if (!v.isNumber()) {
                throw CommandError.message("'graceful_timeout' isn't a number");
            }
            return v.asDouble();
        }).orElse(w.spec().gracefulTimeout());
        Optional<ChildProcess> one = Optional.empty();
        if (c.prop("pid").isPresent()) {
            long pid = pid(c.prop("pid").get());
            one = Optional.of(w.process(pid).orElseThrow(
                    () -> CommandError.message("process " + c.prop("pid").get() + " not found in '" + w.name() + "'")));
        }
        Optional<ChildProcess> target = one;
        return c.async("watcher_kill", () -> w.kill(target, signum, graceful), v -> Call.ok());
    }

    private static int signum(JsonNode value) {
        try {
            return Signals.parse(value);
        } catch (Signals.UnknownSignalException e) {
            throw new GenericError(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CommandError.message("signal invalid");
        }
    }

    private static long pid(JsonNode value) {
        return Call.pidOf(value).orElseThrow(() -> CommandError.message("invalid pid " + value));
    }
}
