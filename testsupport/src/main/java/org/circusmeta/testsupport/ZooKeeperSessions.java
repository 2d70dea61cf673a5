package org.circusmeta.testsupport;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * Ends a ZooKeeper session on the server, as an expiry does, knowing only its id (the ephemeral owner
 * of a znode it holds): a second handle joins the session and closes it. The server drops the session
 * and its ephemeral znodes at once; the session's own client learns that it has expired when it next
 * hears from the server. A session's password is not needed: ZooKeeper derives it from the id
 * ({@code ZooKeeperServer.generatePasswd}, a {@code Random} seeded with the id and a constant), and so
 * does this fixture.
 */
public final class ZooKeeperSessions {
    /** ZooKeeperServer's constant of 3.9 (its {@code superSecret}). */
    private static final long SUPER_SECRET = 0XB3415C00L;

    private ZooKeeperSessions() {}

    public static void end(String connect, long sessionId) throws Exception {
        byte[] password = new byte[16];
        new Random(sessionId ^ SUPER_SECRET).nextBytes(password);
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connect, 3_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, sessionId, password);
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the twin handle did not join session 0x" + Long.toHexString(sessionId));
            }
        } finally {
            twin.close();
        }
    }
}
