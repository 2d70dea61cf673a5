package org.circusmeta.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a client whose connection is still being made must not stall the loop's other clients.
 * The peer here is a listening socket whose accept queue is kept full, so the kernel leaves new
 * connections half-open and the client stays connecting, whatever the timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCloseIT {

    @Test
    void closingAClientBeforeItsHandshakeLeavesTheOtherClientsServed() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (SocketLoop loop = new SocketLoop("close-test");
                RouterPeer steadyPeer = RouterPeer.start();
                ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fillAcceptQueue(silent, accepted);
            loop.start();
            try (CircusClient steady = new CircusClient(loop, steadyPeer.endpoint())) {
                steady.start();
                assertThat(steady.callAndWait(Request.of("numwatchers"), Duration.ofSeconds(5)).isOk()).isTrue();
                for (int i = 0; i < 10; i++) {
                    CircusClient shortLived = new CircusClient(loop, "tcp://127.0.0.1:" + silent.getLocalPort());
                    shortLived.start();
                    CompletableFuture<Reply> pending = shortLived.call(Request.of("numwatchers"), Duration.ofSeconds(30));
                    shortLived.close();
                    assertThat(pending).failsWithin(Duration.ofSeconds(5))
                            .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(CircusClosedException.class);
                    assertThat(steady.callAndWait(Request.of("numwatchers"), Duration.ofSeconds(5)).isOk())
                            .as("round %d", i).isTrue();
                }
            }
        } finally {
            closeAll(accepted);
        }
    }

    @Test
    void closingTheLoopOfAClientStillConnectingLeavesNoThread() throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fillAcceptQueue(silent, fillers);
            SocketLoop loop = new SocketLoop("close-connecting");
            loop.start();
            CircusClient connecting = new CircusClient(loop, "tcp://127.0.0.1:" + silent.getLocalPort());
            connecting.start();
            CompletableFuture<Reply> pending = connecting.call(Request.of("numwatchers"), Duration.ofSeconds(30));
            loop.close();
            assertThat(pending).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(CircusClosedException.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(Thread::isAlive).extracting(Thread::getName).noneMatch(n -> n.startsWith("close-connecting")));
        } finally {
            closeAll(fillers);
        }
    }

    /** With a backlog of 1 and nobody accepting, the kernel leaves further connections half-open. */
    private static void fillAcceptQueue(ServerSocket server, List<Socket> fillers) {
        for (int i = 0; i < 4; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(server.getLocalSocketAddress(), 200);
            } catch (IOException e) {
                // the queue is full already
            }
            fillers.add(filler);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a test connection
            }
        }
    }
}
