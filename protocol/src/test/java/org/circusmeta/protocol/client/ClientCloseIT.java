package org.circusmeta.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a client whose connection is not yet made must not stall the loop's other clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCloseIT {

    @Test
    void closingAClientBeforeItsHandshakeLeavesTheOtherClientsServed() {
        try (SocketLoop loop = new SocketLoop("close-test");
                RouterPeer steadyPeer = RouterPeer.start();
                RouterPeer otherPeer = RouterPeer.start()) {
            loop.start();
            try (CircusClient steady = new CircusClient(loop, steadyPeer.endpoint())) {
                steady.start();
                assertThat(steady.callAndWait(Request.of("numwatchers"), Duration.ofSeconds(5)).isOk()).isTrue();
                for (int i = 0; i < 10; i++) {
                    CircusClient shortLived = new CircusClient(loop, otherPeer.endpoint());
                    shortLived.start();
                    // Expires before the handshake can happen, then the client closes while still connecting.
                    assertThat(shortLived.call(Request.of("numwatchers"), Duration.ofMillis(1)))
                            .failsWithin(Duration.ofSeconds(5));
                    shortLived.close();
                    assertThat(steady.callAndWait(Request.of("numwatchers"), Duration.ofSeconds(5)).isOk())
                            .as("round %d", i).isTrue();
                }
            }
        }
    }
}
