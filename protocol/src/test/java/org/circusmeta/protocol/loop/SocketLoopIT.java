package org.circusmeta.protocol.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.circusmeta.protocol.CircusClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

@Timeout(30)
class SocketLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private SocketLoop loop;

    @BeforeEach
    void setUp() {
        loop = new SocketLoop("loop-under-test");
        loop.start();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    @Test
    void firesTimersInDeadlineOrder() {
        List<String> fired = new CopyOnWriteArrayList<>();
        loop.schedule(Duration.ofMillis(120), () -> fired.add("120ms"));
        loop.schedule(Duration.ofMillis(40), () -> fired.add("40ms"));
        loop.schedule(Duration.ofMillis(80), () -> fired.add("80ms a"));
        loop.schedule(Duration.ofMillis(80), () -> fired.add("80ms b"));
        loop.schedule(Duration.ZERO, () -> fired.add("now"));
        SocketLoop.Timer cancelled = loop.schedule(Duration.ofMillis(60), () -> fired.add("cancelled"));
        cancelled.cancel();
        await().atMost(WAIT).until(() -> fired.size() == 5);
        assertThat(fired).containsExactly("now", "40ms", "80ms a", "80ms b", "120ms");
    }

    @Test
    void firesATimerNoEarlierThanItsDelay() {
        long start = System.nanoTime();
        CountDownLatch fired = new CountDownLatch(1);
        long[] at = new long[1];
        loop.schedule(Duration.ofMillis(100), () -> {
            at[0] = System.nanoTime();
            fired.countDown();
        });
        await().atMost(WAIT).until(() -> fired.getCount() == 0);
        assertThat(Duration.ofNanos(at[0] - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void goesOnAfterATaskATimerOrAHandlerFails() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        loop.execute(() -> {
            throw new IllegalStateException("task failure on purpose");
        });
        loop.execute(() -> {
            throw new AssertionError("an Error on purpose");
        });
        loop.execute(ran::incrementAndGet);
        loop.schedule(Duration.ofMillis(5), () -> {
            throw new IllegalStateException("timer failure on purpose");
        });
        loop.schedule(Duration.ofMillis(10), ran::incrementAndGet);
        await().atMost(WAIT).until(() -> ran.get() == 2);

        AtomicInteger handled = new AtomicInteger();
        String address = "inproc://loop-handler-" + System.nanoTime();
        loop.runAndWait(() -> {
            ZMQ.Socket pull = loop.openSocket(SocketType.PULL);
            pull.bind(address);
            loop.register(pull, s -> {
                byte[] message = s.recv(ZMQ.DONTWAIT);
                if (message != null && new String(message, StandardCharsets.UTF_8).equals("fail")) {
                    throw new IllegalStateException("handler failure on purpose");
                }
                if (message != null) {
                    handled.incrementAndGet();
                }
            });
        });
        ZMQ.Socket push = loop.submit(() -> {
            ZMQ.Socket p = loop.openSocket(SocketType.PUSH);
            p.connect(address);
            return p;
        });
        loop.execute(() -> {
            push.send("fail");
            push.send("ok");
            push.send("fail");
            push.send("ok");
        });
        await().atMost(WAIT).until(() -> handled.get() == 2);
        assertThat(loop.isRunning()).isTrue();
        assertThat(loop.socketCount()).isEqualTo(2);
    }

    @Test
    void readsAllMessagesOfABurstBeyondTheHandlersBudget() {
        AtomicInteger got = new AtomicInteger();
        String address = "inproc://loop-burst-" + System.nanoTime();
        loop.runAndWait(() -> {
            ZMQ.Socket pull = loop.openSocket(SocketType.PULL);
            pull.setRcvHWM(0);
            pull.bind(address);
            // reads one message per call: the loop must come back while the socket has input
            loop.register(pull, s -> {
                if (s.recv(ZMQ.DONTWAIT) != null) {
                    got.incrementAndGet();
                }
            });
        });
        // inproc needs the same context: send from a socket of the loop, on the loop
        loop.runAndWait(() -> {
            ZMQ.Socket push = loop.openSocket(SocketType.PUSH);
            push.setSndHWM(0);
            push.connect(address);
            for (int i = 0; i < 5_000; i++) {
                push.send("m");
            }
        });
        await().atMost(WAIT).until(() -> got.get() == 5_000);
    }

    @Test
    void runsSetUpWorkAndReportsItsFailure() {
        assertThat(loop.submit(() -> loop.inLoop())).isTrue();
        assertThat(loop.inLoop()).isFalse();
        assertThatThrownBy(() -> loop.submit(() -> {
            throw new IllegalArgumentException("bad set-up");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad set-up");
        assertThatThrownBy(() -> loop.openSocket(SocketType.DEALER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only be touched on the loop thread");
    }

    @Test
    void runsEveryAcceptedTaskOrRefusesItWhileClosing() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Thread producer = new Thread(() -> {
            while (true) {
                try {
                    loop.execute(ran::incrementAndGet);
                    accepted.incrementAndGet();
                } catch (CircusClosedException e) {
                    refused.incrementAndGet();
                    return;
                }
            }
        }, "producer");
        producer.start();
        await().atMost(WAIT).until(() -> ran.get() > 1_000);
        loop.close();
        producer.join(10_000);
        assertThat(refused.get()).isEqualTo(1);
        assertThat(ran.get()).isEqualTo(accepted.get());
    }

    @Test
    void runsCloseHooksAndFailsLaterWork() {
        AtomicInteger hooks = new AtomicInteger();
        loop.runAndWait(() -> {
            loop.onClose(hooks::incrementAndGet);
            Runnable removed = hooks::incrementAndGet;
            loop.onClose(removed);
            loop.removeOnClose(removed);
            loop.openSocket(SocketType.PUB);
        });
        assertThat(loop.socketCount()).isEqualTo(1);
        loop.close();
        assertThat(hooks.get()).isEqualTo(1);
        assertThat(loop.socketCount()).isZero();
        assertThat(loop.isRunning()).isFalse();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(CircusClosedException.class);
        assertThatThrownBy(() -> loop.schedule(Duration.ZERO, () -> { })).isInstanceOf(CircusClosedException.class);
        assertThatThrownBy(() -> loop.submit(() -> 1)).isInstanceOf(CircusClosedException.class);
    }

    @Test
    void closesIdempotentlyAndLeavesNoThread() throws Exception {
        SocketLoop own = new SocketLoop("closing-twice");
        own.start();
        own.runAndWait(() -> own.openSocket(SocketType.DEALER).connect("tcp://127.0.0.1:1"));
        assertThat(threadsNamed("closing-twice")).contains("closing-twice")
                .anyMatch(n -> n.startsWith("closing-twice-zmq-iothread")).anyMatch(n -> n.startsWith("closing-twice-zmq-reaper"));
        Thread other = new Thread(own::close, "other-closer");
        other.start();
        own.close();
        other.join(10_000);
        own.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(threadsNamed("closing-twice")).isEmpty());
    }

    @Test
    void ownsMoreSocketsThanZeroMqsDefaultOf1024() {
        int count = 1_100;
        loop.runAndWait(() -> {
            for (int i = 0; i < count; i++) {
                loop.openSocket(SocketType.PUB);
            }
        });
        assertThat(loop.socketCount()).isEqualTo(count);
    }

    @Test
    void refusesWorkBeforeStartAndASecondStart() {
        SocketLoop fresh = new SocketLoop("never-started");
        assertThatThrownBy(() -> fresh.execute(() -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        fresh.close();
        assertThatThrownBy(() -> loop.start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    }

    private static Set<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }
}
