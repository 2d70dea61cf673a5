package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.client.AdminClient;
import org.circusmeta.manager.cluster.ClusterEndpoint;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * circus.maxMessageSize on the sockets that read from nodes and clients: a node that publishes a 100 MiB stats
 * message and a client that sends a 100 MiB request lose their connection, unread, the manager's heap does not
 * grow by it, and the other nodes and clients go on. The nodes are plain JeroMQ publishers registered as nodes.
 */
@Timeout(120)
class MessageLimitsIT {
    private static final int HUGE = 100 << 20;
    private static final long HEAP_BOUND = 48L << 20;

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static ZContext context;
    private static ZMQ.Socket hostile;
    private static ZMQ.Socket calm;
    private final AdminClient admin = MANAGER.admin();

    @BeforeAll
    static void startNodes() {
        context = new ZContext(1);
        hostile = publisher();
        calm = publisher();
        register(MANAGER.fakeNode("hostile", new FakeCircusd().with("web", 1)), hostile);
        register(MANAGER.fakeNode("calm", new FakeCircusd().with("web", 1)), calm);
    }

    @AfterAll
    static void stopNodes() {
        context.close();
    }

    @Test
    void aNodesHundredMebibyteStatsMessageIsDroppedUnreadAndTheOtherNodesGoOn() {
        awaitSubscribed(hostile);
        awaitSubscribed(calm);
        long before = usedHeapAfterGc();

        byte[] huge = new byte[HUGE];
        hostile.sendMore("stat.web");
        hostile.send(huge, 0);
        huge = null;
        // The manager's subscriber leaves once ZeroMQ has dropped its connection: XPUB tells the unsubscription.
        hostile.setReceiveTimeOut(30_000);
        byte[] leaving = hostile.recv();
        assertThat(leaving).as("the manager's subscription dropped").isNotNull();
        assertThat(leaving[0]).isEqualTo((byte) 0);

        long relayed = relayed();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            publish(calm, "stat.web", "{\"pid\": [], \"cpu\": 0.0, \"mem\": 0.0, \"age\": 0.0}");
            return relayed() > relayed;
        });
        assertThat(usedHeapAfterGc() - before).as("heap grown by a 100 MiB message").isLessThan(HEAP_BOUND);
        assertThat(admin.healthcheck().body()).contains("\"socket-loops\"");
    }

    @Test
    void aClientsHundredMebibyteRequestIsDroppedUnreadAndTheOtherClientsAreAnswered() throws Exception {
        String endpoint = MANAGER.find(ClusterEndpoint.class).boundEndpoint();
        long before = usedHeapAfterGc();
        ZMQ.Socket client = context.createSocket(SocketType.DEALER);
        client.setLinger(0);
        client.setMaxMsgSize(-1);
        client.connect(endpoint);
        byte[] huge = new byte[HUGE];
        huge[0] = '{';
        client.send(huge, 0);
        huge = null;
        client.setReceiveTimeOut(3_000);
        assertThat(client.recv()).as("no answer to a request over the limit").isNull();
        client.close();

        try (SocketLoop loop = new SocketLoop("limits-circusctl");
                CircusClient circusctl = new CircusClient(loop, endpoint)) {
            loop.start();
            circusctl.start();
            assertThat(circusctl.callAndWait(Request.of("numwatchers"), Duration.ofSeconds(10)).isOk()).isTrue();
        }
        assertThat(usedHeapAfterGc() - before).as("heap grown by a 100 MiB request").isLessThan(HEAP_BOUND);
    }

    private static ZMQ.Socket publisher() {
        ZMQ.Socket socket = context.createSocket(SocketType.XPUB);
        socket.setLinger(0);
        socket.setXpubNoDrop(true);
        socket.bind("tcp://127.0.0.1:0");
        return socket;
    }

    private static void register(FakeNode control, ZMQ.Socket stats) {
        control.write(NodeRecord.of(control.name(), control.peer().endpoint(), Optional.empty(),
                Optional.of(stats.getLastEndpoint()), "localhost", Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0")
                .toBytes());
    }

    /** Waits for the relay's subscription (XPUB hands it over), so that what is published next reaches it. */
    private static void awaitSubscribed(ZMQ.Socket publisher) {
        publisher.setReceiveTimeOut(20_000);
        byte[] subscription = publisher.recv();
        assertThat(subscription).as("the relay's subscription").isNotNull();
        assertThat(subscription[0]).isEqualTo((byte) 1);
    }

    private static void publish(ZMQ.Socket publisher, String topic, String body) {
        publisher.sendMore(topic);
        publisher.send(body.getBytes(StandardCharsets.UTF_8), ZMQ.DONTWAIT);
    }

    private long relayed() {
        return admin.metrics().path("meters").path("circusmeta.relay.stats-relayed").path("count").asLong();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
