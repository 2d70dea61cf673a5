package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.circusmeta.api.LogLineView;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.LogFollow;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.WatcherAction;
import org.circusmeta.testsupport.SeparateNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The logs of a watcher of 3 processes on each of 3 circusmeta-nodes, each node a process of its own, each
 * process printing its node, its pid and a number every 100 ms, read through the real app: the tail, a
 * 30 s follow checked number by number, a reader that never reads, and a node killed mid-follow (last, as
 * it leaves two nodes).
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFollowIT {
    private static final List<String> NAMES = List.of("follow-a", "follow-b", "follow-c");
    private static final long READER_BUFFER = 1024 * 1024;
    private static final String COUNTER = "i=0; while true; do i=$((i+1)); echo \"$1 $$ $i\"; sleep 0.1; done\n";
    /** About 1,000 lines of 1 KiB a second. */
    private static final String FLOOD = "pad=$(head -c 1000 /dev/zero | tr '\\0' x); i=0\n"
            + "while true; do i=$((i+1)); echo \"$i $pad\"; [ $((i % 50)) -eq 0 ] && sleep 0.05; done\n";

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(ConfigOverride.config("circus.commandTimeout", "2s"),
            ConfigOverride.config("circus.logs.readerBuffer", "1MiB"));

    private static Path dir;
    private static final Map<String, SeparateNode> NODES = new ConcurrentHashMap<>();

    @BeforeAll
    static void startNodes() throws IOException {
        dir = Files.createTempDirectory("cluster-follow-it");
        Files.writeString(dir.resolve("counter.sh"), COUNTER);
        Files.writeString(dir.resolve("flood.sh"), FLOOD);
        for (String name : NAMES) {
            Path ini = dir.resolve(name + ".ini");
            Files.writeString(ini, "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
                    + "stats_endpoint = tcp://127.0.0.1:0\nlogs_endpoint = tcp://127.0.0.1:0\n"
                    + "[watcher:counter]\ncmd = /bin/sh " + dir.resolve("counter.sh") + " " + name + "\nnumprocesses = 3\n"
                    + "[watcher:flood]\ncmd = /bin/sh " + dir.resolve("flood.sh") + "\nautostart = false\n");
            NODES.put(name, MANAGER.separateNode(name, ini));
        }
        MANAGER.awaitAttached(NAMES, Duration.ofSeconds(60));
    }

    @AfterAll
    static void removeScripts() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final ManagerClient api = MANAGER.api();

    private List<LogLineView> tail(int lines) {
        return api.answer(ApiCall.logs("counter", Optional.empty(), lines)).value();
    }

    @Test
    @Order(1)
    void aTailOfFiftyGivesFiftyLinesOfEachNodeEachWithItsNodeAndPid() {
        await().atMost(Duration.ofSeconds(30)).until(() -> tail(50).size() == 150);
        List<LogLineView> lines = tail(50);

        Map<String, List<LogLineView>> byNode = lines.stream().collect(Collectors.groupingBy(LogLineView::node));
        assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
        byNode.forEach((node, own) -> {
            assertThat(own).hasSize(50);
            // Each process printed its node and its pid: the manager says the same of each line.
            assertThat(own).allSatisfy(l -> assertThat(l.line()).startsWith(node + " " + l.pid() + " "));
            assertThat(own.stream().map(LogLineView::pid).distinct()).hasSize(3);
        });
    }

    @Test
    @Order(2)
    void aFollowGetsEveryNewLineOfEveryNodeWithinASecondNoneLostOrRepeatedOver30Seconds() {
        Numbers numbers = new Numbers();
        try (LogFollow follow = api.followLogs("counter", Optional.empty(), Optional.empty())) {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                LogFollow.Item item = follow.next().orElseThrow();
                assertThat(item).as("nothing but lines while every node is up").isInstanceOf(LogFollow.Line.class);
                numbers.add(((LogFollow.Line) item).line());
            }
        }
        assertThat(numbers.byProcess).hasSize(9);
        assertThat(numbers.byProcess.keySet().stream().map(k -> k.split(" ")[0]).distinct()).hasSize(3);
        numbers.byProcess.forEach((process, seen) -> {
            assertThat(seen.size()).as(process).isGreaterThan(200);
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("%s: after %d", process, seen.get(i - 1)).isEqualTo(seen.get(i - 1) + 1);
            }
        });
        assertThat(numbers.latestMillis).as("the longest from a node reading a line to the follower getting it")
                .isLessThan(1000);
    }

    /** The numbers each process printed, as the follower got them, and the longest a line took. */
    private static final class Numbers {
        final Map<String, List<Long>> byProcess = new ConcurrentHashMap<>();
        long latestMillis;

        void add(LogLineView line) {
            long took = System.currentTimeMillis() - Math.round(line.time() * 1000);
            latestMillis = Math.max(latestMillis, took);
            String[] words = line.line().split(" ");
            assertThat(words[0]).isEqualTo(line.node());
            assertThat(words[1]).isEqualTo(String.valueOf(line.pid()));
            byProcess.computeIfAbsent(line.node() + " " + line.pid(), k -> new ArrayList<>()).add(Long.parseLong(words[2]));
        }
    }

    @Test
    @Order(3)
    void aReaderThatNeverReadsIsDroppedWithinBoundedMemoryAndTheOthersKeepReceiving() throws Exception {
        long dropped = gauge("dropped-readers");
        api.act("flood", WatcherAction.START, Optional.of("follow-a"), OptionalInt.empty());
        HeapWatch heap = HeapWatch.start(() -> gauge("buffered-bytes"));
        try (StalledReader stalled = StalledReader.open(api.base(), "/api/logs?watcher=flood&follow=true");
                KeptReader reading = KeptReader.start(api.followLogs("flood", Optional.empty(), Optional.empty()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gauge("dropped-readers") == dropped + 1);
            HeapWatch.Peak peak = heap.stop();
            System.out.printf("a stalled reader of a flood: heap grown %d KiB after GC, at most %d KiB held for readers%n",
                    peak.heapGrowth() >> 10, peak.bufferedBytes() >> 10);
            assertThat(peak.bufferedBytes()).as("bytes held for the two readers").isLessThanOrEqualTo(2 * READER_BUFFER);
            assertThat(peak.heapGrowth()).as("heap after GC, grown since the stalled reader came").isLessThan(64L << 20);
            assertThat(gauge("readers")).isEqualTo(2);
            // The reader that reads was never the one dropped: its lines go on, every number once, in order.
            int before = reading.numbers().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> reading.numbers().size() > before + 500);
            assertThat(reading.other()).isEmpty();
            List<Long> numbers = reading.numbers();
            for (int i = 1; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
            }
            // What the stalled reader finds once it reads: the lines it had, then why it was dropped, then the end.
            assertThat(stalled.readToEnd("was dropped")).contains("event: end\ndata: ").contains("fell 1024 KiB of lines behind");
        } finally {
            heap.stop();
            api.act("flood", WatcherAction.STOP, Optional.of("follow-a"), OptionalInt.empty());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> gauge("readers") == 0);
    }

    /** A follower that reads every item as it comes, on a thread of its own, keeping the flood's numbers. */
    private static final class KeptReader implements AutoCloseable {
        private final LogFollow follow;
        private final List<Long> numbers = new CopyOnWriteArrayList<>();
        private final List<LogFollow.Item> other = new CopyOnWriteArrayList<>();
        private final Thread thread;

        private KeptReader(LogFollow follow) {
            this.follow = follow;
            this.thread = new Thread(this::read, "follow-it-reader");
        }

        static KeptReader start(LogFollow follow) {
            KeptReader reader = new KeptReader(follow);
            reader.thread.start();
            return reader;
        }

        private void read() {
            try {
                for (Optional<LogFollow.Item> item = follow.next(); item.isPresent(); item = follow.next()) {
                    if (item.get() instanceof LogFollow.Line l) {
                        numbers.add(Long.parseLong(l.line().line().split(" ")[0]));
                    } else {
                        other.add(item.get());
                    }
                }
            } catch (RuntimeException e) {
                // closed by the test
            }
        }

        List<Long> numbers() {
            return List.copyOf(numbers);
        }

        List<LogFollow.Item> other() {
            return List.copyOf(other);
        }

        @Override
        public void close() throws InterruptedException {
            follow.close();
            thread.join(5_000);
        }
    }

    private static long gauge(String name) {
        return ((Number) MANAGER.app().getEnvironment().metrics().getGauges().get("circusmeta.logs." + name).getValue())
                .longValue();
    }

    @Test
    @Order(4)
    void aNodeKilledMidFollowIsSaidToHaveLeftAndTheOthersLinesGoOn() {
        try (LogFollow follow = api.followLogs("counter", Optional.empty(), Optional.empty())) {
            List<String> heard = new ArrayList<>();
            readUntil(follow, Duration.ofSeconds(10), item -> {
                line(item).ifPresent(l -> heard.add(l.node()));
                return heard.stream().distinct().count() == 3;
            });
            NODES.get("follow-c").kill();
            List<String> notices = new ArrayList<>();
            readUntil(follow, Duration.ofSeconds(20), item -> {
                if (item instanceof LogFollow.Notice n) {
                    notices.add(n.notice().message());
                }
                return notices.stream().anyMatch(m -> m.contains("follow-c"));
            });
            assertThat(notices).anySatisfy(m -> assertThat(m).contains("node follow-c").containsAnyOf("left",
                    "stopped answering"));
            // Then the two others' lines, and none of the killed node's.
            Map<String, Integer> after = new ConcurrentHashMap<>();
            readUntil(follow, Duration.ofSeconds(10), item -> {
                line(item).ifPresent(l -> after.merge(l.node(), 1, Integer::sum));
                return after.getOrDefault("follow-a", 0) > 10 && after.getOrDefault("follow-b", 0) > 10;
            });
            assertThat(after).doesNotContainKey("follow-c");
        }
    }

    private static Optional<LogLineView> line(LogFollow.Item item) {
        return item instanceof LogFollow.Line l ? Optional.of(l.line()) : Optional.empty();
    }

    /** Reads every item as it comes (never one a poll) until {@code done} says so; fails past the deadline. */
    private static void readUntil(LogFollow follow, Duration within, Predicate<LogFollow.Item> done) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.test(follow.next().orElseThrow(() -> new AssertionError("the stream ended")))) {
            assertThat(System.nanoTime()).as("still reading after %s", within).isLessThan(deadline);
        }
    }
}
