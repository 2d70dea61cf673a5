package org.circusmeta.bench.scale;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
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
    static Histogram throughApi(ManagerClient api, List<String> nodes, int warmUps, int calls) {
        ApiCall<CommandResults> status = ApiCall.command(new CommandRequest("status", null, nodes));
        Histogram times = Joins.histogram();
        for (int i = 0; i < warmUps + calls; i++) {
            long start = System.nanoTime();
            CommandResults response = api.answer(status).value();
            long took = System.nanoTime() - start;
            check(response, nodes.size());
            if (i >= warmUps) {
                times.recordValue(took);
            }
        }
        return times;
    }

    private static void check(CommandResults response, int expected) {
        if (response.results().size() != expected) {
            throw new IllegalStateException("the manager answered for " + response.results().size() + " nodes, not "
                    + expected + ": " + response.results().keySet());
        }
        response.results().forEach((node, reply) -> {
            if (!"ok".equals(reply.path("status").asText())) {
                throw new IllegalStateException("node " + node + " answered " + reply);
            }
        });
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
