package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent as an operator runs it: the shaded jar in its own JVM, stopped with SIGTERM. */
@Timeout(60)
class RegisterAgentIT {
    private static final Path JAR = Path.of("target", "circusmeta-register.jar");

    private static TestingServer server;
    private static CuratorFramework observer;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
        observer = ZooKeeperClients.newClient(server.getConnectString(), RegistryPaths.DEFAULT_NAMESPACE,
                Duration.ofSeconds(10));
        observer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        observer.close();
        server.close();
    }

    private Optional<byte[]> znode(String name) throws Exception {
        return observer.checkExists().forPath(RegistryPaths.node(name)) == null ? Optional.empty()
                : Optional.of(observer.getData().forPath(RegistryPaths.node(name)));
    }

    @Test
    void registersFromACircusIniAndRemovesTheZnodeAtOnceOnSigterm(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded jar, built in the package phase").exists();
        try (RouterPeer daemon = RouterPeer.start()) {
            Path ini = dir.resolve("circus.ini");
            Files.writeString(ini, "[circus]\nendpoint = tcp://0.0.0.0:" + daemon.port() + "\n"
                    + "pubsub_endpoint = tcp://*:7556\nstatsd = false\n", StandardCharsets.UTF_8);
            Path log = dir.resolve("agent.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process agent = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar",
                    JAR.toString(), "--zookeeper", server.getConnectString(), "--circus-ini", ini.toString(),
                    "--name", "agent-01", "--advertise-host", "192.0.2.10", "--label", "zone=eu-1",
                    "--state-dir", dir.resolve("state").toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> znode("agent-01").isPresent());
                NodeRecord record = ((NodeRecord.Valid) NodeRecord.parse("agent-01", znode("agent-01").get())).record();
                assertThat(record.endpoint()).isEqualTo("tcp://192.0.2.10:" + daemon.port());
                assertThat(record.pubsubEndpoint()).contains("tcp://192.0.2.10:7556");
                assertThat(record.statsEndpoint()).isEmpty();
                assertThat(record.labels()).isEqualTo(Map.of("zone", "eu-1"));
                assertThat(record.kind()).isEqualTo("circusd");
                assertThat(record.version()).isEqualTo("0.19");
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains("registered at"));

                agent.destroy();
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(znode("agent-01")).as("removed before the process ended").isEmpty();
                assertThat(Files.readString(log)).contains("circusmeta-register: node agent-01: registered at /nodes/agent-01")
                        .contains("stopped; agent-01 is no longer registered");
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void aBadFlagEndsTheProcessWithStatusTwo() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process agent = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--zookeeper",
                server.getConnectString(), "--nmae", "x").redirectErrorStream(true).start();
        String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown flag --nmae").contains("usage: circusmeta-register");
    }
}
