package org.circusmeta.node.commands;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.circusmeta.protocol.Reply;

/**
 * One circus command: its name, the properties it requires in the order circusd checks them, and what
 * it does.
 *
 * <p>Immutable; the body runs on the node's loop thread.
 */
record Command(String name, List<String> required, Function<Call, CompletionStage<Reply>> body) {

    static Command of(String name, Function<Call, CompletionStage<Reply>> body, String... required) {
        return new Command(name, List.of(required), body);
    }
}
