package org.circusmeta.manager;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ZooKeeper TestingServer per test class, started when the field is initialised (so that the
 * apps' config overrides can name it) and closed after every other extension of the class: register
 * it first, with {@code @Order(0)}.
 */
final class ZooKeeperExtension implements AfterAllCallback {
    private final TestingServer server;

    ZooKeeperExtension() {
        this.server = TestingServers.started();
    }

    String connectString() {
        return server.getConnectString();
    }

    TestingServer server() {
        return server;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }
}
