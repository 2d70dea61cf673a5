package org.circusmeta.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.circusmeta.protocol.Request;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * {@code status} fanned out by the manager, as a user asks for it ({@code POST /api/command} naming
 * the nodes, one call after the other, each timed from the request to the whole response), beside one
 * raw JeroMQ round trip ({@code status}, DEALER in this JVM) to one of the same nodes.
 *
 * <p>Stateless.
 */
final class FanOutTimes {
    private FanOutTimes() {}

    /** Times {@code calls} fan-outs after {@code warmUps}; fails if any node does not answer ok. */
    static Histogram throughApi(ManagerApi api, List<String> nodes, int warmUps, int calls) {
        ObjectNode body = ManagerApi.json().createObjectNode().put("command", "status");
        nodes.forEach(body.putArray("nodes")::add);
        Histogram times = Joins.histogram();
        for (int i = 0; i < warmUps + calls; i++) {
            long start = System.nanoTime();
            ManagerApi.Response response = api.post("/api/command", body);
            long took = System.nanoTime() - start;
            check(response, nodes.size());
            if (i >= warmUps) {
                times.recordValue(took);
            }
        }
        return times;
    }

    private static void check(ManagerApi.Response response, int expected) {
        JsonNode results = response.json() == null ? null : response.json().path("results");
        if (response.status() != 200 || results == null || results.size() != expected) {
            throw new IllegalStateException("the manager answered " + response.status() + ": " + response.json());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> result = it.next();
            if (!"ok".equals(result.getValue().path("status").asText())) {
                throw new IllegalStateException("node " + result.getKey() + " answered " + result.getValue());
            }
        }
    }

    /** Raw round trips of {@code status} to one node's control endpoint. */
    static Histogram raw(String endpoint, int warmUps, int calls) {
        Histogram times = Joins.histogram();
        byte[] request = Request.of("status").withId("0123456789abcdef0123456789abcdef").toBytes();
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket dealer = connected(context, endpoint, request);
            for (int i = 0; i < warmUps + calls; i++) {
                long start = System.nanoTime();
                dealer.send(request);
                if (dealer.recv() == null) {
                    throw new IllegalStateException("node at " + endpoint + " did not answer 'status' within 5 s");
                }
                if (i >= warmUps) {
                    times.recordValue(System.nanoTime() - start);
                }
            }
        }
        return times;
    }

    /**
     * A DEALER that has had an answer: JeroMQ now and then never handshakes a fresh connection and loses
     * what was sent on it (see the protocol module's HandshakeWatch), so an unanswered first call is
     * tried again on a fresh socket.
     */
    private static ZMQ.Socket connected(ZContext context, String endpoint, byte[] request) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setReceiveTimeOut(1_000);
            dealer.connect(endpoint);
            dealer.send(request);
            if (dealer.recv() != null) {
                dealer.setReceiveTimeOut(5_000);
                return dealer;
            }
            context.destroySocket(dealer);
        }
        throw new IllegalStateException("node at " + endpoint + " did not answer 'status' on 10 fresh connections");
    }
}
