package org.circusmeta.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.ShellScripts;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.logs.LogLine;
import org.circusmeta.protocol.logs.LogQuery;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.logs.Refusal;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * circusmeta-register as an operator runs it (its jar, its own JVM, a real ZooKeeper), registering a
 * circusmeta-node as if it were circusd: the record carries the agent's logs endpoint, which serves
 * the node's FileStream watcher and reports the other with its fix.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentRegistrationIT {
    private static final Path JAR = Path.of("..", "registration", "target", "circusmeta-register.jar");

    @TempDir
    Path dir;

    @Test
    void theAgentRegistersItsLogsEndpointAndServesTheFilesOfTheDaemon() throws Exception {
        assertThat(JAR).as("the agent's jar, built by the registration module").exists();
        Path log = dir.resolve("web.log");
        String watchers = "[watcher:web]\ncmd = " + script("web.sh", "echo ready; sleep 1000\n") + "\n"
                + "stdout_stream.class = FileStream\nstdout_stream.filename = " + log + "\n"
                + "[watcher:worker]\ncmd = sleep 1000\n";
        try (TestingServer zk = new TestingServer(true);
                CircusNode daemon = CircusNode.standalone(NodeConfig.parse("[circus]\nendpoint = tcp://127.0.0.1:0\n"
                        + "pubsub_endpoint = tcp://127.0.0.1:0\n" + watchers, "daemon.ini"));
                CuratorFramework observer = ZooKeeperClients.newClient(zk.getConnectString());
                SocketLoop loop = new SocketLoop("agent-registration-it")) {
            daemon.start();
            observer.start();
            loop.start();
            // The circus.ini the agent reads: the daemon's endpoints as bound, its watchers as configured.
            Path ini = dir.resolve("circus.ini");
            Files.writeString(ini, "[circus]\nendpoint = " + daemon.endpoint() + "\npubsub_endpoint = "
                    + daemon.pubsubEndpoint() + "\n" + watchers, StandardCharsets.UTF_8);
            Process agent = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                    "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--zookeeper", zk.getConnectString(),
                    "--circus-ini", ini.toString(), "--name", "agent-logs").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("agent.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> observer.checkExists()
                        .forPath(RegistryPaths.node("agent-logs")) != null);
                NodeRecord record = ((NodeRecord.Valid) NodeRecord.parse("agent-logs",
                        observer.getData().forPath(RegistryPaths.node("agent-logs")))).record();
                assertThat(record.kind()).isEqualTo(NodeRecord.KIND_CIRCUSD);
                assertThat(record.logsEndpoint()).hasValueSatisfying(e -> assertThat(e).startsWith("tcp://127.0.0.1:"));

                LogsClient logs = new LogsClient(loop, record.logsEndpoint().get(), "agent-logs");
                logs.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> logs.tail(LogQuery.of("web", 5), Duration.ofSeconds(5))
                        .join().lines().stream().map(LogLine::line).toList().equals(List.of("ready")));
                assertThat(logs.tail(LogQuery.of("worker", 5), Duration.ofSeconds(5)).join().refusal())
                        .get().extracting(Refusal::code).isEqualTo(Refusal.NO_OUTPUT);
                logs.close();
            } finally {
                agent.destroy();
                agent.waitFor(20, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
        }
    }

    private String script(String name, String body) {
        return ShellScripts.command(dir, name, body);
    }
}
