package org.circusmeta.manager.reconcile;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.jetty.server.Server;

/**
 * This manager replica's name as operators see it in records ({@code placed_by}) and in the leader
 * latch: {@code HOST:API-PORT (admin port N)}, known once the server has bound its ports; until then
 * {@code HOST pid N}.
 *
 * <p>Thread-safe.
 */
public final class Replica implements ServerLifecycleListener {
    private volatile String id = host() + " pid " + ProcessHandle.current().pid();

    public String id() {
        return id;
    }

    @Override
    public void serverStarted(Server server) {
        id = host() + ":" + getLocalPort(server) + " (admin port " + getAdminPort(server) + ")";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
