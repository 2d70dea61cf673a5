package org.circusmeta.registration.registrar;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * Ends a client's session on the server, as an expiry does: a second handle joins the session with
 * its id and password, then closes it. The server drops the session and its ephemeral znodes at
 * once; the client learns it has expired when it reconnects.
 */
final class SessionKiller {
    private SessionKiller() {}

    static void endOnServer(String connect, CuratorFramework client) throws Exception {
        ZooKeeper victim = client.getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connect, 3_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, victim.getSessionId(), victim.getSessionPasswd());
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the twin handle did not join the session");
            }
        } finally {
            twin.close();
        }
    }
}
