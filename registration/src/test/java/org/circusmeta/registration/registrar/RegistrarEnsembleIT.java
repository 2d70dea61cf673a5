package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RegistrarEnsembleIT {
    private static final String NAME = "ensemble-01";

    @Test
    void survivesLosingAFollowerAndThenTheLeader() throws Exception {
        List<InstanceSpec> specs = IntStream.range(0, 3).mapToObj(i -> RegistryKit.spec()).toList();
        try (TestingCluster cluster = new TestingCluster(specs);
             SocketLoop loop = new SocketLoop("ensemble-it-loop");
             RouterPeer daemon = RouterPeer.start()) {
            cluster.start();
            loop.start();
            try (CuratorFramework client = RegistryKit.client(cluster.getConnectString());
                 CuratorFramework observer = RegistryKit.client(cluster.getConnectString());
                 Registrar registrar = new Registrar(client, loop, RegistryKit.options(NAME, daemon.endpoint(), "h"))) {
                registrar.start();
                assertThat(registrar.awaitRegistered(Duration.ofSeconds(10))).isTrue();
                RegistryKit.Znode before = RegistryKit.read(observer, RegistryPaths.node(NAME)).orElseThrow();

                InstanceSpec follower = specs.stream().filter(s -> !isLeader(s)).findFirst().orElseThrow();
                cluster.killServer(follower);
                assertStillRegistered(registrar, observer, before);
                cluster.restartServer(follower);
                await().atMost(Duration.ofSeconds(20)).until(() -> mode(follower).isPresent());

                InstanceSpec leader = await().atMost(Duration.ofSeconds(20))
                        .until(() -> specs.stream().filter(RegistrarEnsembleIT::isLeader).findFirst(), Optional::isPresent)
                        .orElseThrow();
                cluster.killServer(leader);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> specs.stream().filter(s -> s != leader).anyMatch(RegistrarEnsembleIT::isLeader));
                assertStillRegistered(registrar, observer, before);
            }
        }
    }

    /** The same znode of the same session, with the same record: the registration outlived the failure. */
    private static void assertStillRegistered(Registrar registrar, CuratorFramework observer, RegistryKit.Znode before) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> RegistryKit.read(observer,
                RegistryPaths.node(NAME)).map(z -> z.owner() == before.owner() && z.text().equals(before.text()))
                .orElse(false));
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(20))).as("%s", registrar.state()).isTrue();
    }

    private static boolean isLeader(InstanceSpec spec) {
        return mode(spec).filter("leader"::equals).isPresent();
    }

    /** The server's mode ("leader", "follower") from the {@code srvr} command; empty when it does not answer. */
    private static Optional<String> mode(InstanceSpec spec) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", spec.getPort()), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring(6).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
