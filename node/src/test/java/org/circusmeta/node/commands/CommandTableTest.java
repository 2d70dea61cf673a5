package org.circusmeta.node.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.junit.jupiter.api.Test;

class CommandTableTest {
    private final CommandTable table = new CommandTable(new CommandContext(null, null, null));

    @Test
    void anUnknownCommandIsNamedAsPythonReprWritesIt() {
        Reply reply = table.handle(Request.of("fro\rb'nicate")).toCompletableFuture().join();

        assertThat(reply.reason()).contains("unknown command: \"fro\\rb'nicate\"");
        assertThat(reply.errno()).hasValue(2);
    }

    @Test
    void theFirstMissingPropertyIsNamed() {
        Reply reply = table.handle(Request.of("get")).toCompletableFuture().join();

        assertThat(reply.reason()).contains("message invalid 'name' is missing");
        assertThat(reply.errno()).hasValue(3);
    }
}
