package org.circusmeta.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.process.Signals;
import org.circusmeta.protocol.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes under a real node: respawn, graceful stop, no orphans, scaling, env and working_dir. */
class SupervisionIT {
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n";

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aChildKilledWithSigkillIsBackWithinOneSecond() {
        try (TestNode t = TestNode.start(CIRCUS + "[watcher:w]\ncmd = sleep 4201\nnumprocesses = 2\n")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> t.pids("w").size() == 2);
            long victim = t.pids("w").get(0);

            long killedAt = System.nanoTime();
            Signals.send(victim, Signals.SIGKILL);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> t.pids("w").size() == 2 && !t.pids("w").contains(victim));
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(2)).until(() -> t.topics().contains("watcher.w.reap"));
            TestNode.Event reap = t.events.stream().filter(e -> e.topic().equals("watcher.w.reap")).findFirst().orElseThrow();
            assertThat(reap.body().get("process_pid").asLong()).isEqualTo(victim);
            assertThat(reap.body().get("exit_code").asInt()).isEqualTo(-9);
            assertThat(ProcessHandle.of(t.pids("w").get(1)).map(ProcessHandle::isAlive)).contains(true);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aKilledChildStaysDeadWhenRespawnIsOff() {
        try (TestNode t = TestNode.start(CIRCUS + "[watcher:w]\ncmd = sleep 4202\nnumprocesses = 2\nrespawn = false\n")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> t.pids("w").size() == 2);
            List<Long> pids = t.pids("w");

            Signals.send(pids.get(0), Signals.SIGKILL);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> t.pids("w").equals(pids.subList(1, 2)));
            assertThat(t.call("status", Map.of("name", "w")).status()).isEqualTo("active");

            Signals.send(pids.get(1), Signals.SIGKILL);
            await().atMost(Duration.ofSeconds(3)).until(() -> t.call("status", Map.of("name", "w")).status().equals("stopped"));
            assertThat(t.pids("w")).isEmpty();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aChildThatIgnoresSigtermIsKilledAfterTheGracefulTimeout() {
        String ini = CIRCUS + "[watcher:stubborn]\ncmd = sh -c \"trap '' TERM; while :; do sleep 0.2; done\"\n"
                + "graceful_timeout = 1\n";
        try (TestNode t = TestNode.start(ini)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> t.pids("stubborn").size() == 1);
            long pid = t.pids("stubborn").get(0);

            long start = System.nanoTime();
            Reply stop = t.call("stop", Map.of("name", "stubborn", "waiting", true));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(stop.isOk()).isTrue();
            assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofSeconds(4));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            await().atMost(Duration.ofSeconds(2)).until(() -> t.topics().contains("watcher.stubborn.stop"));
            assertThat(t.events.stream().filter(e -> e.topic().equals("watcher.stubborn.reap")).findFirst().orElseThrow()
                    .body().get("exit_code").asInt()).isEqualTo(-9);
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void quitLeavesNoProcessOfItsChildrenAlive() {
        String ini = CIRCUS + "[watcher:family]\ncmd = sh -c \"sleep 4203 & sleep 4204 & (trap '' TERM; sleep 4205) & wait\"\n"
                + "graceful_timeout = 1\n[watcher:plain]\ncmd = sleep 4206\nnumprocesses = 2\n";
        List<Long> everyone = new ArrayList<>();
        TestNode t = TestNode.start(ini);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> t.pids("family").size() == 1 && t.pids("plain").size() == 2
                    && descendants(t.pids("family").get(0)).size() == 3);
            everyone.addAll(t.pids("plain"));
            everyone.addAll(t.pids("family"));
            everyone.addAll(descendants(t.pids("family").get(0)));

            assertThat(t.call("quit").isOk()).isTrue();
            assertThat(t.node.terminated()).succeedsWithin(Duration.ofSeconds(15));
        } finally {
            t.close();
        }
        assertThat(everyone).hasSize(6);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(everyone)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("process %d", pid).isFalse()));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCommandSentAfterQuitStartsNothing() {
        String ini = CIRCUS + "[watcher:slow]\ncmd = sh -c \"trap '' TERM; exec sleep 4210\"\ngraceful_timeout = 1\n";
        TestNode t = TestNode.start(ini);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4210") == 1);

            assertThat(t.call("stop", Map.of("name", "slow")).isOk()).isTrue();
            assertThat(t.call("quit").isOk()).isTrue();
            Reply start = t.call("start", Map.of("name", "slow"));

            assertThat(start.status()).isEqualTo("error");
            assertThat(start.errno()).hasValue(5);
            assertThat(t.node.terminated()).succeedsWithin(Duration.ofSeconds(10));
        } finally {
            t.close();
        }
        assertThat(running("4210")).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeEndsEveryProcessAndSocketWhenQuitCannotRunInTime() {
        // a's start takes a minute (warmup_delay), so the quit that close() queues behind it cannot run in time.
        String ini = CIRCUS + "[watcher:a]\ncmd = sleep 4211\nnumprocesses = 2\nwarmup_delay = 60\ngraceful_timeout = 0.5\n"
                + "[watcher:b]\ncmd = sleep 4212\ngraceful_timeout = 0.5\n";
        try (NodeHost host = NodeHost.start("close-test")) {
            CircusNode node = new CircusNode(NodeConfig.parse(ini, "t.ini"), host);
            node.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4211") == 1);

            long start = System.nanoTime();
            node.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(node.terminated()).isDone();
            assertThat(host.loop().socketCount()).isZero();
            await().atMost(Duration.ofSeconds(3)).until(() -> running("4211") == 0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> running("4212") == 0);
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void incrDecrAndSetChangeTheRealNumberOfProcesses() {
        try (TestNode t = TestNode.start(CIRCUS + "[watcher:w]\ncmd = sleep 4207\n")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4207") == 1);

            assertThat(t.call("incr", Map.of("name", "w", "nb", 2, "waiting", true)).get("numprocesses").asInt()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4207") == 3);

            assertThat(t.call("decr", Map.of("name", "w", "waiting", true)).get("numprocesses").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4207") == 2);

            assertThat(t.call("set", Map.of("name", "w", "options", Map.of("numprocesses", 5), "waiting", true)).isOk()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4207") == 5);

            t.call("set", Map.of("name", "w", "options", Map.of("numprocesses", 1), "waiting", true));
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4207") == 1);
            assertThat(t.pids("w")).hasSize(1);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void addAndRmCreateAndRemoveWatchers() {
        try (TestNode t = TestNode.start(CIRCUS)) {
            Reply add = t.call("add", Map.of("name", "dyn", "cmd", "sleep", "args", List.of("4208"), "start", true,
                    "waiting", true, "options", Map.of("numprocesses", 2)));

            assertThat(add.get("started")).hasSize(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4208") == 2);
            assertThat(t.call("list").get("watchers").toString()).isEqualTo("[\"dyn\"]");

            assertThat(t.call("rm", Map.of("name", "dyn", "waiting", true)).isOk()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> running("4208") == 0);
            assertThat(t.call("list").get("watchers")).isEmpty();
            assertThat(t.call("status", Map.of("name", "dyn")).reason()).contains("program dyn not found");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWatcherThatCannotSpawnEndsStoppedAndTheNodeGoesOn() {
        try (TestNode t = TestNode.start(CIRCUS)) {
            Reply add = t.call("add", Map.of("name", "bad", "cmd", "sleep 4213", "start", true, "waiting", true,
                    "options", Map.of("working_dir", "/tmp/no\u0000where")));

            assertThat(add.isOk()).as(add.toString()).isTrue();
            assertThat(add.get("started")).isEmpty();
            assertThat(t.call("status", Map.of("name", "bad")).status()).isEqualTo("stopped");
            assertThat(t.call("add", Map.of("name", "good", "cmd", "sleep 4214", "start", true, "waiting", true))
                    .get("started")).hasSize(1);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void environmentWorkingDirAndOutputReachTheChild(@TempDir Path dir) throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));
        String ini = CIRCUS + "[watcher:probe]\n"
                + "cmd = sh -c \"echo $GREETING:$HOME > env.txt; pwd > cwd.txt; echo to-stdout; exec sleep 4209\"\n"
                + "working_dir = " + work + "\n"
                + "stdout_stream.class = FileStream\nstdout_stream.filename = " + dir.resolve("out.log") + "\n"
                + "[env:probe]\nGREETING = hello\n";
        try (TestNode t = TestNode.start(ini)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(work.resolve("cwd.txt"))
                    && Files.exists(dir.resolve("out.log")) && Files.size(dir.resolve("out.log")) > 0);

            assertThat(read(work.resolve("env.txt"))).isEqualTo("hello:");
            assertThat(Path.of(read(work.resolve("cwd.txt"))).toRealPath()).isEqualTo(work.toRealPath());
            assertThat(read(dir.resolve("out.log"))).isEqualTo("to-stdout");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    /** Live processes whose command line holds the marker, found through the OS, not through the node. */
    private static long running(String marker) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                .filter(ProcessHandle::isAlive).count();
    }
}
