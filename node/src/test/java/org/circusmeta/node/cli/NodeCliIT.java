package org.circusmeta.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real jar, run as an operator runs it. */
class NodeCliIT {
    private static final Path JAR = Path.of("target", "circusmeta-node.jar");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBadCommandLineExitsWithTwoAndTheUsage(@TempDir Path dir) throws Exception {
        Process bogus = start(dir, "--config", "x.ini", "--bogus");
        assertThat(bogus.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bogus.exitValue()).isEqualTo(2);
        String err = read(dir.resolve("stderr.txt"));
        assertThat(err).contains("circusmeta-node: Unknown option: '--bogus'").contains("Usage: circusmeta-node");

        Process noConfig = start(dir, "--name", "x");
        assertThat(noConfig.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(noConfig.exitValue()).isEqualTo(2);
        assertThat(read(dir.resolve("stderr.txt"))).contains("Missing required option: '--config=FILE'");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anUnreadableAuthFileExitsWithOneNamingItAndOneWithoutZooKeeperWithTwo(@TempDir Path dir) throws Exception {
        Path ini = Files.writeString(dir.resolve("node.ini"), "[circus]\nendpoint = tcp://127.0.0.1:0\n");
        Path missing = dir.resolve("missing.auth");
        Process node = start(dir, "--config", ini.toString(), "--zookeeper", "127.0.0.1:1", "--zookeeper-auth-file",
                missing.toString());
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isEqualTo(1);
        assertThat(read(dir.resolve("stderr.txt"))).contains("cannot read the ZooKeeper credentials file " + missing);

        Process standalone = start(dir, "--config", ini.toString(), "--zookeeper-auth-file", missing.toString());
        assertThat(standalone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(standalone.exitValue()).isEqualTo(2);
        assertThat(read(dir.resolve("stderr.txt"))).contains("--zookeeper-auth-file and --zookeeper-client-config go"
                + " with --zookeeper");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void registersWithTheBoundPortsAndLeavesOnSigterm(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("node.ini");
        Files.writeString(ini, "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
                + "stats_endpoint = tcp://127.0.0.1:0\n[watcher:w]\ncmd = sleep 4401\ngraceful_timeout = 2\n");
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework curator = ZooKeeperClients.newClient(zk.getConnectString())) {
            curator.start();
            Process node = start(dir, "--config", ini.toString(), "--zookeeper", zk.getConnectString(), "--name", "cli-node",
                    "--label", "zone=test", "--capacity", "2");
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> curator.checkExists().forPath(RegistryPaths.node("cli-node")) != null);
                NodeRecord record = ((NodeRecord.Valid) NodeRecord.parse("cli-node",
                        curator.getData().forPath(RegistryPaths.node("cli-node")))).record();
                assertThat(record.kind()).isEqualTo("circusmeta-node");
                assertThat(record.labels()).containsEntry("zone", "test");
                assertThat(record.capacity()).isEqualTo(2.0);
                assertThat(Endpoint.parse(record.endpoint()).port()).isPositive();
                assertThat(Endpoint.parse(record.statsEndpoint().orElseThrow()).port()).isPositive();
                List<Long> pids = askForPids(record);
                assertThat(pids).hasSize(1);

                node.destroy();
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(node.exitValue()).isEqualTo(0);
                assertThat(curator.checkExists().forPath(RegistryPaths.node("cli-node"))).isNull();
                assertThat(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(read(dir.resolve("stderr.txt"))).contains("circusmeta-node stopped");
            } finally {
                node.destroyForcibly();
            }
        }
    }

    private static List<Long> askForPids(NodeRecord record) {
        try (SocketLoop loop = new SocketLoop("cli-test")) {
            loop.start();
            try (CircusClient client = new CircusClient(loop, record.endpoint())) {
                client.start();
                Reply options = client.callAndWait(Request.of("globaloptions"));
                assertThat(options.get("options").get("endpoint").asText()).isEqualTo(record.endpoint());
                List<Long> pids = new ArrayList<>();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    pids.clear();
                    client.callAndWait(Request.of("list").with("name", "w")).get("pids").forEach(p -> pids.add(p.asLong()));
                    return !pids.isEmpty();
                });
                return pids;
            }
        }
    }

    private static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
