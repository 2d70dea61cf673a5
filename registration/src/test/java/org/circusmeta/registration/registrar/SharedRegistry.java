package org.circusmeta.registration.registrar;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.protocol.loop.SocketLoop;

/** One test class's ZooKeeper server, socket loop and observing client, started once and closed once. */
final class SharedRegistry implements AutoCloseable {
    final TestingServer server;
    final SocketLoop loop;
    final CuratorFramework observer;

    private SharedRegistry(TestingServer server, SocketLoop loop, CuratorFramework observer) {
        this.server = server;
        this.loop = loop;
        this.observer = observer;
    }

    static SharedRegistry start(String loopName) throws Exception {
        TestingServer server = new TestingServer(RegistryKit.spec(), true);
        SocketLoop loop = new SocketLoop(loopName);
        loop.start();
        return new SharedRegistry(server, loop, RegistryKit.client(server.getConnectString()));
    }

    String connect() {
        return server.getConnectString();
    }

    @Override
    public void close() throws Exception {
        observer.close();
        loop.close();
        server.close();
    }
}
