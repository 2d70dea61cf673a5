package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.registrar.RegistrarState.Kind;
import org.circusmeta.registration.registrar.RegistryKit.Znode;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class RegistrarIT {
    @RegisterExtension
    static final RegistrarFixture fixture = new RegistrarFixture("registrar-it-loop");

    private String name;

    @BeforeEach
    void nameAfterTheTest(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName();
        name = method.substring(0, Math.min(63, method.length()));
    }

    private Registrar registrar(CuratorFramework curator, RegistrarOptions options) {
        return fixture.registrar(curator, options);
    }

    private Registrar started(RegistrarOptions options) {
        return fixture.registered(options);
    }

    private Optional<Znode> znode(String node) {
        return RegistryKit.read(fixture.observer, RegistryPaths.node(node));
    }

    @Test
    void registersTheSpecRecordAndRemovesItAtOnceOnClose() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Registrar registrar = started(RegistryKit.options(name, fixture.daemon.endpoint(), "web-01.example.org"));

        Znode znode = znode(name).orElseThrow();
        ObjectNode json = CircusJson.readObject(znode.data());
        assertThat(json.properties()).extracting(e -> e.getKey()).containsExactly("name", "endpoint",
                "pubsub_endpoint", "stats_endpoint", "host", "labels", "capacity", "kind", "version", "registered_at");
        NodeRecord record = znode.record(name);
        assertThat(record).isEqualTo(RegistryKit.record(name, fixture.daemon.endpoint(), "web-01.example.org")
                .withRegisteredAt(record.registeredAt()));
        assertThat(record.registeredAt()).isBetween(before, Instant.now());
        assertThat(json.get("registered_at").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(znode.owner()).isEqualTo(RegistryKit.sessionOf(fixture.client));
        assertThat(registrar.state().kind()).isEqualTo(Kind.REGISTERED);
        assertThat(registrar.state().message()).isEqualTo("registered at /nodes/" + name);
        assertThat(fixture.daemon.received()).extracting(RouterPeer.Received::command).contains("globaloptions");

        registrar.close();
        assertThat(znode(name)).isEmpty();
        assertThat(registrar.state().kind()).isEqualTo(Kind.CLOSED);
        assertThat(registrar.state().message()).isEqualTo("closed; /nodes/" + name + " removed");
        registrar.close();
    }

    @Test
    void waitsForTheDaemonBeforeRegistering() {
        fixture.daemon.silence();
        Registrar registrar = registrar(fixture.client, RegistryKit.options(name, fixture.daemon.endpoint(), "h"));
        registrar.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !fixture.daemon.received().isEmpty());
        assertThat(registrar.awaitRegistered(Duration.ofMillis(300))).isFalse();
        assertThat(registrar.state().kind()).isEqualTo(Kind.WAITING_FOR_DAEMON);
        assertThat(registrar.state().message()).contains(fixture.daemon.endpoint()).contains("globaloptions");
        assertThat(znode(name)).isEmpty();

        fixture.daemon.speak();
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(5))).isTrue();
        assertThat(znode(name)).isPresent();
    }

    @Test
    void deregistersWhenTheDaemonFallsSilentAndComesBackWhenItAnswers() {
        Duration unhealthyAfter = Duration.ofMillis(1_000);
        Registrar registrar = started(RegistryKit.options(name, fixture.daemon.endpoint(), "h").withUnhealthyAfter(unhealthyAfter));

        long silentAt = System.nanoTime();
        fixture.daemon.silence();
        await().atMost(unhealthyAfter.plusSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> znode(name).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - silentAt)).isGreaterThanOrEqualTo(unhealthyAfter.minusMillis(200));
        await().atMost(Duration.ofSeconds(2)).until(() -> registrar.state().kind() == Kind.WAITING_FOR_DAEMON);

        fixture.daemon.speak();
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(2))).isTrue();
        assertThat(znode(name).orElseThrow().record(name).endpoint()).isEqualTo(fixture.daemon.endpoint());
    }

    @Test
    void comesBackAfterSessionExpiryWaitingOutTheOldSessionsZnode() throws Exception {
        Registrar registrar = started(RegistryKit.options(name, fixture.daemon.endpoint(), "h"));
        Znode before = znode(name).orElseThrow();
        long oldSession = RegistryKit.sessionOf(fixture.client);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);

        try (ZnodeEvents seen = ZnodeEvents.record(fixture.observer, RegistryPaths.node(name))) {
            // Client-side expiry: a new session at once, while the server keeps the old session and its
            // znode until the session timeout; then the znode must be back within 1 s of going.
            KillSession.kill(fixture.client.getZookeeperClient().getZooKeeper());
            ZnodeEvents.Event back = await().atMost(RegistryKit.SESSION.plusSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        kinds.add(registrar.state().kind());
                        long session = RegistryKit.sessionOf(fixture.client);
                        return session == oldSession ? Optional.<ZnodeEvents.Event>empty() : seen.createdBy(session);
                    }, Optional::isPresent).orElseThrow();
            assertThat(seen.gapBefore(back)).as("gone, then back").isLessThan(Duration.ofSeconds(1));
            assertThat(back.text()).isEqualTo(before.text());
        }
        assertThat(znode(name).orElseThrow().text()).isEqualTo(before.text());
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(1))).isTrue();
        assertThat(kinds).doesNotContain(Kind.NAME_TAKEN, Kind.WAITING_FOR_DAEMON);
        assertThat(fixture.observer.getChildren().forPath(RegistryPaths.NODES)).filteredOn(c -> c.contains(name))
                .containsExactly(name);
    }

    @Test
    void comesBackWhenTheServerEndsTheSession() throws Exception {
        Registrar registrar = started(RegistryKit.options(name, fixture.daemon.endpoint(), "h"));
        Znode before = znode(name).orElseThrow();
        long oldSession = RegistryKit.sessionOf(fixture.client);
        List<Long> lost = new CopyOnWriteArrayList<>();
        fixture.client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.LOST) {
                lost.add(System.nanoTime());
            }
        });

        try (ZnodeEvents seen = ZnodeEvents.record(fixture.observer, RegistryPaths.node(name))) {
            // The server drops the session and its znode at once; the fixture.client learns of the expiry when it
            // reconnects (after a random pause of up to 1 s), and the znode must be back within 1 s of that.
            SessionKiller.endOnServer(fixture.connect(), fixture.client);
            ZnodeEvents.Event back = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        long session = RegistryKit.sessionOf(fixture.client);
                        return session == oldSession ? Optional.<ZnodeEvents.Event>empty() : seen.createdBy(session);
                    }, Optional::isPresent).orElseThrow();
            assertThat(lost).hasSize(1);
            assertThat(Duration.ofNanos(back.nanos() - lost.get(0))).as("from the expiry to the znode")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(back.text()).isEqualTo(before.text());
        }
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void refusesANameHeldByAnotherSessionNamingItsHost() throws Exception {
        started(RegistryKit.options(name, fixture.daemon.endpoint(), "first.example.org"));
        Znode held = znode(name).orElseThrow();

        try (CuratorFramework other = RegistryKit.client(fixture.connect())) {
            Registrar second = registrar(other, RegistryKit.options(name, fixture.daemon.endpoint(), "second.example.org"));
            second.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.state().kind() == Kind.NAME_TAKEN);
            assertThat(second.state().holder()).contains("first.example.org");
            assertThat(second.state().message()).contains("first.example.org").contains("/nodes/" + name);
            assertThat(second.awaitRegistered(Duration.ofMillis(500))).isFalse();
            second.close();
            assertThat(second.state().message()).as("it removed nothing").isEqualTo("closed");
        }
        Znode after = znode(name).orElseThrow();
        assertThat(after.text()).isEqualTo(held.text());
        assertThat(after.stat()).isEqualTo(held.stat());
    }

    @Test
    void refusesANameHeldByAnotherRegistrarOnTheSameClient() {
        started(RegistryKit.options(name, fixture.daemon.endpoint(), "first.example.org"));
        Znode held = znode(name).orElseThrow();

        Registrar second = registrar(fixture.client, RegistryKit.options(name, fixture.daemon.endpoint(), "second.example.org"));
        second.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.state().kind() == Kind.NAME_TAKEN);
        assertThat(second.state().holder().orElseThrow()).startsWith("first.example.org");
        second.close();
        assertThat(znode(name).orElseThrow().stat()).isEqualTo(held.stat());
    }

    @Test
    void putsItsRecordBackWhenAnotherRegistrarWritesOverIt() throws Exception {
        started(RegistryKit.options(name, fixture.daemon.endpoint(), "first.example.org"));
        Znode before = znode(name).orElseThrow();

        // What a second registrar's PersistentNode does when its create meets this znode: a plain setData.
        byte[] stranger = RegistryKit.record(name, "tcp://192.0.2.99:5555", "second.example.org").toBytes();
        fixture.observer.setData().forPath(RegistryPaths.node(name), stranger);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> znode(name).map(z -> z.text().equals(before.text())).orElse(false));
        assertThat(znode(name).orElseThrow().owner()).isEqualTo(before.owner());
    }

    @Test
    void takesTheNameOnceItsHolderIsGone() throws Exception {
        try (CuratorFramework other = RegistryKit.client(fixture.connect())) {
            Registrar first = registrar(other, RegistryKit.options(name, fixture.daemon.endpoint(), "first"));
            first.start();
            assertThat(first.awaitRegistered(Duration.ofSeconds(5))).isTrue();
            Registrar second = registrar(fixture.client, RegistryKit.options(name, fixture.daemon.endpoint(), "second"));
            second.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.state().kind() == Kind.NAME_TAKEN);

            first.close();
            assertThat(second.awaitRegistered(Duration.ofSeconds(5))).isTrue();
            assertThat(znode(name).orElseThrow().record(name).host()).isEqualTo("second");
        }
    }

    @Test
    void waitsForZooKeeperAndClosesAtOnceWithoutIt() throws Exception {
        InstanceSpec spec = RegistryKit.spec();
        try (TestingServer late = new TestingServer(spec, false);
             CuratorFramework unconnected = ZooKeeperClients.newClient(spec.getConnectString(),
                     RegistryPaths.DEFAULT_NAMESPACE, RegistryKit.SESSION)) {
            unconnected.start();
            Registrar gaveUp = registrar(unconnected, RegistryKit.options(name, fixture.daemon.endpoint(), "h"));
            gaveUp.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> gaveUp.state().kind() == Kind.ZOOKEEPER_UNREACHABLE);
            assertThat(gaveUp.state().message()).contains("no connection to ZooKeeper").contains("/nodes/" + name);
            long closing = System.nanoTime();
            gaveUp.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(2));

            Registrar patient = registrar(unconnected, RegistryKit.options(name, fixture.daemon.endpoint(), "h"));
            patient.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> patient.state().kind() == Kind.ZOOKEEPER_UNREACHABLE);
            late.start();
            assertThat(patient.awaitRegistered(Duration.ofSeconds(15))).as("%s", patient.state()).isTrue();
            patient.close();
        }
    }

    @Test
    void removesItsZnodeOnceZooKeeperIsBackWhenTheDaemonFellSilentMeanwhile() throws Exception {
        // Ticks of 1 s allow a 10 s session, which outlives the server's restart.
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 1_000, -1);
        try (TestingServer server = new TestingServer(spec, true);
             CuratorFramework patient = ZooKeeperClients.newClient(server.getConnectString(),
                     RegistryPaths.DEFAULT_NAMESPACE, Duration.ofSeconds(10))) {
            patient.start();
            assertThat(ZooKeeperClients.awaitConnected(patient, Duration.ofSeconds(10))).isTrue();
            Registrar registrar = registrar(patient, RegistryKit.options(name, fixture.daemon.endpoint(), "h")
                    .withUnhealthyAfter(Duration.ofMillis(500)));
            registrar.start();
            assertThat(registrar.awaitRegistered(Duration.ofSeconds(10))).as("%s", registrar.state()).isTrue();
            long session = RegistryKit.sessionOf(patient);

            server.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> registrar.state().kind() == Kind.ZOOKEEPER_UNREACHABLE);
            fixture.daemon.silence();
            await().atMost(Duration.ofSeconds(5)).until(() -> registrar.state().message().contains("and circusd at"));
            server.restart();

            await().atMost(Duration.ofSeconds(10)).until(() -> registrar.state().kind() == Kind.WAITING_FOR_DAEMON);
            assertThat(RegistryKit.sessionOf(patient)).as("the same session, back").isEqualTo(session);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> RegistryKit.read(patient, RegistryPaths.node(name)).isEmpty());
        }
    }

    @Test
    void startTwiceIsAnError() {
        Registrar registrar = started(RegistryKit.options(name, fixture.daemon.endpoint(), "h"));
        org.assertj.core.api.Assertions.assertThatThrownBy(registrar::start)
                .isInstanceOf(IllegalStateException.class);
        assertThat(new String(znode(name).orElseThrow().data(), StandardCharsets.UTF_8)).contains(name);
    }
}
