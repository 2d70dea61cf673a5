package org.circusmeta.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.apache.curator.test.TestingServer;

/** One ZooKeeper per test class. */
final class TestingServers {
    private TestingServers() {}

    static TestingServer started() {
        try {
            return new TestingServer(true);
        } catch (Exception e) {
            throw new IllegalStateException("could not start a ZooKeeper TestingServer", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
