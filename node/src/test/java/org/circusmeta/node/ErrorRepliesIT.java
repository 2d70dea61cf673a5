package org.circusmeta.node;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circusmeta.protocol.Reply;
import org.circusmeta.testsupport.RawDealer;
import org.circusmeta.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;


/** The error replies clients rely on, word for word as circusd gives them, and garbage that stops nothing. */
class ErrorRepliesIT {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void unknownCommandWatcherAndMissingPropertyGetTheRecordedReplies() {
        try (TestNode t = TestNode.start(TestNode.recordedIni())) {
            assertSameError(recorded("unknown command"), t.call("frobnicate"));
            assertSameError(recorded("unknown watcher (status)"), t.call("status", Map.of("name", "nope")));
            assertSameError(recorded("unknown watcher (incr)"), t.call("incr", Map.of("name", "nope")));
            assertSameError(recorded("missing property name (get)"), t.call("get"));
            assertSameError(recorded("missing property keys (get)"), t.call("get", Map.of("name", "sleeper")));
            assertSameError(recorded("missing property cmd (add)"), t.call("add", Map.of("name", "x")));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void garbageIsAnsweredOrIgnoredAndTheNodeKeepsServing() {
        try (TestNode t = TestNode.start(TestNode.recordedIni()); ZContext zmq = new ZContext()) {
            ZMQ.Socket dealer = RawDealer.open(zmq, t.node.endpoint(), RawDealer.CIRCUS_PROBE);
            dealer.setReceiveTimeOut(5_000);

            dealer.send(new byte[] {(byte) 0xff, 0, 1, 2});
            assertThat(new String(dealer.recv(), StandardCharsets.UTF_8)).contains("\"errno\": 1").contains("json invalid");
            dealer.send("[1, 2]");
            assertThat(new String(dealer.recv(), StandardCharsets.UTF_8)).contains("\"status\": \"error\"");
            dealer.send("{\"command\": 42}");
            assertThat(new String(dealer.recv(), StandardCharsets.UTF_8)).contains("\"status\": \"error\"");
            dealer.sendMore("x");
            dealer.send("{\"command\": \"list\"}");
            dealer.send(new byte[0]);
            assertThat(new String(dealer.recv(), StandardCharsets.UTF_8)).contains("\"status\": \"error\"");
            dealer.send("x".repeat(1_000_000));
            assertThat(new String(dealer.recv(), StandardCharsets.UTF_8)).contains("json invalid");

            Reply list = t.call("list");
            assertThat(list.get("watchers").toString()).isEqualTo("[\"sleeper\",\"worker\"]");
        }
    }

    private static JsonNode recorded(String label) {
        return Vectors.exchanges("errors.json").stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow()
                .reply().orElseThrow();
    }

    private static void assertSameError(JsonNode expected, Reply actual) {
        assertThat(actual.status()).isEqualTo("error");
        assertThat(actual.reason()).contains(expected.get("reason").asText());
        assertThat(actual.errno().orElseThrow()).isEqualTo(expected.get("errno").asInt());
        assertThat(actual.get("tb").isNull()).isTrue();
    }
}
