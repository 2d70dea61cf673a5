package org.circusmeta.protocol.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

@Timeout(30)
class LoopSocketIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Endpoint ANY_PORT = Endpoint.parse("tcp://127.0.0.1:0");
    private SocketLoop loop;

    @BeforeEach
    void setUp() {
        loop = new SocketLoop("loop-socket-test");
        loop.start();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bindsAnyFreePortAndSaysWhichThenClosesOnce() {
        LoopSocket pub = LoopSocket.binding(loop, SocketType.PUB, ANY_PORT, "the test publisher", s -> s.setSndHWM(5));
        assertThat(pub.endpoint()).isEmpty();
        assertThat(pub.isRunning()).isFalse();

        String bound = pub.start();
        assertThat(Endpoint.parse(bound).port()).isPositive();
        assertThat(pub.endpoint()).isEqualTo(bound);
        assertThat(pub.isRunning()).isTrue();
        assertThat(loop.socketCount()).isEqualTo(1);
        assertThatThrownBy(pub::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the test publisher was already started");

        pub.close();
        pub.close();
        await().atMost(WAIT).until(() -> loop.socketCount() == 0);
        assertThat(pub.isRunning()).isFalse();
    }

    @Test
    void anAddressInUseIsRefusedNamingItAndLeavesNoSocket() {
        try (LoopSocket first = LoopSocket.binding(loop, SocketType.PUB, ANY_PORT, "the first", s -> { })) {
            Endpoint taken = Endpoint.parse(first.start());
            LoopSocket second = LoopSocket.binding(loop, SocketType.PUB, taken, "the second at " + taken, s -> { });

            assertThatThrownBy(second::start).isInstanceOf(CircusException.class)
                    .hasMessageStartingWith("could not bind the second at " + taken + ": ")
                    .hasMessageEndingWith("; is another process (another circusd?) using that address?");
            assertThat(loop.socketCount()).isEqualTo(1);
            assertThat(second.isRunning()).isFalse();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
            second.close();
        }
    }

    @Test
    void connectsAndHandsTheInputToTheReader() {
        List<String> read = new CopyOnWriteArrayList<>();
        try (LoopSocket pull = LoopSocket.binding(loop, SocketType.PULL, ANY_PORT, "the pull end", s -> { })) {
            String bound = pull.start(s -> {
                byte[] frame;
                while ((frame = s.recv(ZMQ.DONTWAIT)) != null) {
                    read.add(new String(frame, StandardCharsets.UTF_8));
                }
            });
            try (LoopSocket push = LoopSocket.connecting(loop, SocketType.PUSH, Endpoint.parse(bound), "the push end",
                    s -> { })) {
                assertThat(push.start()).isEqualTo(bound);
                loop.execute(() -> push.send(bytes("first"), bytes("second")));
                await().atMost(WAIT).until(() -> read.size() == 2);
                assertThat(read).containsExactly("first", "second");
            }
        }
    }

    @Test
    void readsTwoFrameMessagesAndRejectsEveryOtherCount() {
        List<String> pairs = new CopyOnWriteArrayList<>();
        List<String> rejected = new CopyOnWriteArrayList<>();
        FramePairs reader = new FramePairs((first, second) -> pairs.add(new String(first, StandardCharsets.UTF_8) + "|"
                + new String(second, StandardCharsets.UTF_8)), rejected::add);
        try (LoopSocket pull = LoopSocket.binding(loop, SocketType.PULL, ANY_PORT, "the pull end", s -> { })) {
            String bound = pull.start(reader);
            loop.execute(() -> {
                ZMQ.Socket push = loop.openSocket(SocketType.PUSH);
                push.connect(bound);
                push.send("alone");
                push.sendMore("a");
                push.sendMore("b");
                push.send("c");
                push.sendMore("topic");
                push.send("body");
            });
            await().atMost(WAIT).until(() -> pairs.size() == 1 && rejected.size() == 2);
            assertThat(pairs).containsExactly("topic|body");
            assertThat(rejected).containsExactly("a one-frame message", "a message of more than two frames");
        }
    }

    @Test
    void sendsNothingBeforeStartOrAfterClose() {
        LoopSocket push = LoopSocket.connecting(loop, SocketType.PUSH, Endpoint.parse("tcp://127.0.0.1:1"), "the push",
                s -> { });
        assertThat(loop.submit(() -> push.send(bytes("a"), bytes("b")))).isFalse();
        push.start();
        push.close();
        assertThat(loop.submit(() -> push.send(bytes("a"), bytes("b")))).isFalse();
    }

    @Test
    void closingAfterTheLoopEndedHasNothingLeftToDo() {
        LoopSocket pub = LoopSocket.binding(loop, SocketType.PUB, ANY_PORT, "the publisher", s -> { });
        pub.start();
        loop.close();
        assertThat(loop.socketCount()).isZero();
        pub.close();
        assertThat(pub.isRunning()).isFalse();
    }

    @Test
    void optionsThatFailCloseTheSocket() {
        LoopSocket sub = LoopSocket.connecting(loop, SocketType.SUB, ANY_PORT, "the subscriber", s -> {
            throw new IllegalArgumentException("bad option");
        });
        assertThatThrownBy(sub::start).isInstanceOf(CircusException.class)
                .hasMessage("could not connect the subscriber: bad option");
        assertThat(loop.socketCount()).isZero();
    }
}
