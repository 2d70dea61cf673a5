package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.circusmeta.testsupport.RouterPeer;
import org.circusmeta.testsupport.TlsZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** circusmeta-register, its jar run as a process, against a ZooKeeper that takes clients over TLS only. */
@Timeout(90)
class RegisterOverTlsIT {
    private static final Path JAR = Path.of("target", "circusmeta-register.jar");
    private static Path keys;
    private static TlsZooKeeper zookeeper;

    @BeforeAll
    static void startServer() throws Exception {
        keys = Files.createTempDirectory("tls-zookeeper");
        zookeeper = TlsZooKeeper.start(keys);
    }

    @AfterAll
    static void stopServer() {
        zookeeper.close();
    }

    private static ZooKeeperSettings settings() {
        return ZooKeeperSettings.of(zookeeper.connectString(), RegistryPaths.DEFAULT_NAMESPACE, Duration.ofSeconds(10));
    }

    @Test
    void aClientWithoutTheTlsSettingsIsNotServed() {
        try (CuratorFramework plain = settings().newClient()) {
            plain.start();
            assertThat(ZooKeeperClients.awaitConnected(plain, Duration.ofSeconds(3))).isFalse();
        }
    }

    @Test
    void registersOverTlsWithItsClientConfiguration(@TempDir Path dir) throws Exception {
        try (RouterPeer daemon = RouterPeer.start();
             CuratorFramework observer = settings().withClientConfig(zookeeper.clientConfig()).newClient()) {
            observer.start();
            assertThat(ZooKeeperClients.awaitConnected(observer, Duration.ofSeconds(10))).isTrue();
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--zookeeper", zookeeper.connectString(),
                    "--name", "tls-agent", "--endpoint", daemon.endpoint(), "--zookeeper-client-config",
                    zookeeper.clientConfig().toString()));
            Process agent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("agent.log")
                    .toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> observer.checkExists().forPath(RegistryPaths.node("tls-agent")) != null);
                agent.destroy();
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(observer.checkExists().forPath(RegistryPaths.node("tls-agent"))).isNull();
            } finally {
                agent.destroyForcibly();
            }
        }
    }
}
