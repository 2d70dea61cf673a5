package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.circusmeta.protocol.logs.LogsClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
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
            Process agent = agent(log, List.of(), "--zookeeper", server.getConnectString(), "--circus-ini",
                    ini.toString(), "--name", "agent-01", "--advertise-host", "192.0.2.10", "--label", "zone=eu-1",
                    "--state-dir", dir.resolve("state").toString());
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> znode("agent-01").isPresent());
                NodeRecord record = ((NodeRecord.Valid) NodeRecord.parse("agent-01", znode("agent-01").get())).record();
                assertThat(record.endpoint()).isEqualTo("tcp://192.0.2.10:" + daemon.port());
                assertThat(record.pubsubEndpoint()).contains("tcp://192.0.2.10:7556");
                assertThat(record.statsEndpoint()).isEmpty();
                assertThat(record.labels()).isEqualTo(Map.of("zone", "eu-1"));
                assertThat(record.kind()).isEqualTo("circusd");
                assertThat(record.version()).isEqualTo("0.19");
                assertThat(record.logsEndpoint()).as("its logs endpoint, bound on every interface like circusd, advertised")
                        .hasValueSatisfying(e -> assertThat(e).matches("tcp://192\\.0\\.2\\.10:\\d+"));
                assertThat(logsServer(record.logsEndpoint().get().replace("192.0.2.10", "127.0.0.1")))
                        .isEqualTo("circusmeta-register");
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
    void registersOnceTheHostNameOfItsCircusdResolves(@TempDir Path dir) throws Exception {
        try (RouterPeer daemon = RouterPeer.start()) {
            // The agent's JVM resolves names from this file only, and remembers no failed lookup: a host
            // booting while its DNS is not up yet.
            Path hosts = dir.resolve("hosts");
            Files.writeString(hosts, "127.0.0.1 localhost\n");
            Path security = dir.resolve("java.security");
            Files.writeString(security, "networkaddress.cache.negative.ttl=0\n");
            Path log = dir.resolve("agent.log");
            Process agent = agent(log, List.of("-Djdk.net.hosts.file=" + hosts, "-Djava.security.properties=" + security),
                    "--zookeeper", server.getConnectString(), "--name", "agent-02",
                    "--endpoint", "tcp://circusd.test:" + daemon.port());
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log)
                        .contains("could not open a connection to circusd at tcp://circusd.test"));
                assertThat(znode("agent-02")).isEmpty();

                Files.writeString(hosts, "127.0.0.1 circusd.test\n", StandardOpenOption.APPEND);
                await().atMost(Duration.ofSeconds(10)).until(() -> znode("agent-02").isPresent());
                assertThat(Files.readString(log).lines().filter(l -> l.contains("could not open a connection")))
                        .as("the failure is logged once, not at every try").hasSize(1);

                agent.destroy();
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(znode("agent-02")).isEmpty();
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void registersAsTheIdentityInItsAuthFileWhichItsCommandLineDoesNotShow(@TempDir Path dir) throws Exception {
        ZooKeeperCredentials manager = ZooKeeperCredentials.parse("mgr:manager-secret", "test");
        ZooKeeperCredentials identity = ZooKeeperCredentials.parse("agent-03:agent-secret", "test");
        ManagerAcls acls = new ManagerAcls("agent-acl", manager.id(), List.of(identity.id()));
        Path auth = Files.writeString(dir.resolve("zookeeper.auth"), "# agent-03\nagent-03:agent-secret\n");
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-------"));
        try (RouterPeer daemon = RouterPeer.start();
             CuratorFramework managers = ZooKeeperSettings.of(server.getConnectString(), "agent-acl",
                     Duration.ofSeconds(10)).withCredentials(manager).newClient(acls)) {
            managers.start();
            managers.create().creatingParentsIfNeeded().forPath(RegistryPaths.NODES, acls.nodesParentData());
            Path log = dir.resolve("agent.log");
            Process agent = agent(log, List.of(), "--zookeeper", server.getConnectString(), "--namespace", "agent-acl",
                    "--name", "agent-03", "--endpoint", daemon.endpoint(), "--zookeeper-auth-file", auth.toString());
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> managers.checkExists().forPath(RegistryPaths.node("agent-03")) != null);
                assertThat(managers.getACL().forPath(RegistryPaths.node("agent-03"))).containsExactlyInAnyOrder(
                        new ACL(Perms.READ | Perms.WRITE, identity.id()), new ACL(Perms.ALL, manager.id()),
                        new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));
                assertThat(agent.info().commandLine().orElse("")).contains("--zookeeper-auth-file")
                        .doesNotContain("agent-secret");
                assertThat(Files.readString(log)).contains("as digest:" + identity.digestId())
                        .doesNotContain("agent-secret");

                agent.destroy();
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(managers.checkExists().forPath(RegistryPaths.node("agent-03")))
                        .as("removed, by ending its session, before the process ended").isNull();
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    /** What the logs endpoint says it is. */
    private static String logsServer(String endpoint) {
        try (SocketLoop loop = new SocketLoop("register-it-logs")) {
            loop.start();
            LogsClient client = new LogsClient(loop, endpoint);
            client.start();
            return client.info(Duration.ofSeconds(10)).join().server();
        }
    }

    private static Process agent(Path log, List<String> jvmFlags, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aBadFlagEndsTheProcessWithStatusTwo() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process agent = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--zookeeper",
                server.getConnectString(), "--nmae", "x").redirectErrorStream(true).start();
        String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(2);
        assertThat(output).contains("circusmeta-register: Unknown options: '--nmae', 'x'")
                .contains("Usage: circusmeta-register");
    }
}
