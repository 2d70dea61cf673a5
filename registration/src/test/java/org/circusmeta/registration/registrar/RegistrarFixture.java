package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.testsupport.RouterPeer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a registrar IT runs on: one ZooKeeper server (short ticks), socket loop and observing client
 * per test class; per test, a daemon to health-check, a connected client, and the registrars made
 * through {@link #registrar}, closed after the test, the last made first. Register it as a static
 * {@code @RegisterExtension} field; tests read its fields, set before each test.
 */
final class RegistrarFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String loopName;
    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();
    private TestingServer server;
    /** The test class's loop. */
    SocketLoop loop;
    /** The test class's client, for reading what the registrars wrote. */
    CuratorFramework observer;
    /** The test's daemon, answering on loopback. */
    RouterPeer daemon;
    /** The test's client, connected. */
    CuratorFramework client;

    RegistrarFixture(String loopName) {
        this.loopName = loopName;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer(RegistryKit.spec(), true);
        loop = new SocketLoop(loopName);
        loop.start();
        observer = RegistryKit.client(connect());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        observer.close();
        loop.close();
        server.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        daemon = RouterPeer.start();
        client = RegistryKit.client(connect());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = closeAfterTest.size() - 1; i >= 0; i--) {
            closeAfterTest.get(i).close();
        }
        closeAfterTest.clear();
        client.close();
        daemon.close();
    }

    String connect() {
        return server.getConnectString();
    }

    /** A registrar on the fixture's loop, not started, closed after the test. */
    Registrar registrar(CuratorFramework curator, RegistrarOptions options) {
        Registrar registrar = new Registrar(curator, loop, options);
        closeAfterTest.add(registrar);
        return registrar;
    }

    /** A registrar on the test's client, started and registered. */
    Registrar registered(RegistrarOptions options) {
        Registrar registrar = registrar(client, options);
        registrar.start();
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(10))).as("%s", registrar.state()).isTrue();
        return registrar;
    }
}
