package org.circusmeta.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circusmeta.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** reloadconfig and the whole-arbiter restart read the edited ini file again. */
class ReloadIT {
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n";

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void reloadconfigAppliesTheEditedFile(@TempDir Path dir) throws IOException {
        Path ini = dir.resolve("node.ini");
        Files.writeString(ini, CIRCUS + watcher("a", "sleep 4501", 1) + watcher("b", "sleep 4502", 1)
                + watcher("c", "sleep 4503", 1));
        try (TestNode t = TestNode.start(NodeConfig.read(ini))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> t.pids("c").size() == 1);
            long a = t.pids("a").get(0);
            long b = t.pids("b").get(0);
            long c = t.pids("c").get(0);

            Files.writeString(ini, CIRCUS + watcher("a", "sleep 4501", 3) + watcher("b", "sleep 4512", 1)
                    + watcher("d", "sleep 4504", 1));
            assertThat(t.call("reloadconfig", Map.of("waiting", true)).isOk()).isTrue();

            assertThat(t.call("list").get("watchers").toString()).isEqualTo("[\"a\",\"b\",\"d\"]");
            await().atMost(Duration.ofSeconds(5)).until(() -> t.pids("a").size() == 3 && t.pids("d").size() == 1);
            assertThat(t.pids("a")).contains(a);
            assertThat(t.pids("b")).doesNotContain(b).hasSize(1);
            assertThat(ProcessHandle.of(c).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void theArbiterRestartRereadsTheFileKeepsItsEndpointsAndForgetsAddedWatchers(@TempDir Path dir) throws IOException {
        Path ini = dir.resolve("node.ini");
        Files.writeString(ini, CIRCUS + watcher("a", "sleep 4505", 1));
        try (TestNode t = TestNode.start(NodeConfig.read(ini))) {
            String endpoint = t.call("globaloptions").get("options").get("endpoint").asText();
            t.call("add", Map.of("name", "added", "cmd", "sleep 4506", "start", true, "waiting", true));
            Files.writeString(ini, CIRCUS + watcher("a", "sleep 4505", 1) + watcher("y", "sleep 4507", 2));

            assertThat(t.call("restart", Map.of("waiting", true)).isOk()).isTrue();

            assertThat(t.call("list").get("watchers").toString()).isEqualTo("[\"a\",\"y\"]");
            assertThat(t.pids("y")).hasSize(2);
            assertThat(t.call("globaloptions").get("options").get("endpoint").asText()).isEqualTo(endpoint);
            assertThat(t.call("status", Map.of("name", "added")).reason()).contains("program added not found");
        }
    }

    private static String watcher(String name, String cmd, int n) {
        return "[watcher:" + name + "]\ncmd = " + cmd + "\nnumprocesses = " + n + "\ngraceful_timeout = 2\n";
    }
}
