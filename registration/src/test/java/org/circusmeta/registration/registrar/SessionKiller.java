package org.circusmeta.registration.registrar;

import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.testsupport.ZooKeeperSessions;

/**
 * Ends a client's session on the server, as an expiry does (see {@link ZooKeeperSessions}): the server
 * drops the session and its ephemeral znodes at once; the client learns it has expired when it
 * reconnects.
 */
final class SessionKiller {
    private SessionKiller() {}

    static void endOnServer(String connect, CuratorFramework client) throws Exception {
        ZooKeeperSessions.end(connect, client.getZookeeperClient().getZooKeeper().getSessionId());
    }
}
