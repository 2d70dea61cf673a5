package org.circusmeta.registration.zookeeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.client.ZKClientConfig;
import org.circusmeta.registration.record.RegistryPaths;

/**
 * Builds the Curator clients of this project, so that the agent, the node and the manager connect
 * to ZooKeeper the same way (from {@link ZooKeeperSettings}): a namespace ({@code circusmeta} by
 * default; docs/registry.md), the session timeout asked for, a connection timeout no longer than the
 * session timeout (at most 5 s), an exponential back-off retry policy (100 ms doubling up to 2 s, 10
 * retries) for the calls a caller makes itself, and, with ZooKeeper ACLs on, the identity sent on
 * every new session (Curator's {@code authorization}) and the ACLs given to every znode the client
 * creates (an {@code ACLProvider}, the namespace's own znode and its parents included). Recipes such
 * as {@code PersistentNode} recover by themselves after a reconnection whatever the policy.
 *
 * <p>Thread-safe: holds no state.
 */
public final class ZooKeeperClients {
    /** The session timeout used when none is configured (the manager's default {@code zookeeper.sessionTimeout}). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private ZooKeeperClients() {}

    /**
     * An unstarted client; the caller starts it, shares it, and closes it last.
     *
     * @param connect {@code host:port[,host:port...]}
     * @param namespace the root of every path, without a slash ({@code circusmeta})
     * @throws IllegalArgumentException for an empty connect string, a namespace with a slash, or a
     *     session timeout under 100 ms
     */
    public static CuratorFramework newClient(String connect, String namespace, Duration sessionTimeout) {
        return ZooKeeperSettings.of(connect, namespace, sessionTimeout).newClient();
    }

    /** The client of {@link ZooKeeperSettings#newClient(ACLProvider)}; {@code config} null for the JVM's own. */
    static CuratorFramework build(ZooKeeperSettings settings, ACLProvider acls, ZKClientConfig config) {
        Duration timeout = settings.sessionTimeout();
        Duration connection = timeout.compareTo(MAX_CONNECTION_TIMEOUT) < 0 ? timeout : MAX_CONNECTION_TIMEOUT;
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .namespace(settings.namespace())
                .sessionTimeoutMs(Math.toIntExact(timeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connection.toMillis()))
                .retryPolicy(retryPolicy())
                .threadFactory(threads())
                .aclProvider(acls);
        settings.credentials().ifPresent(identity -> builder.authorization(List.of(identity.authInfo())));
        if (config != null) {
            builder.zkClientConfig(config);
        }
        return builder.build();
    }

    /**
     * Checks a connect string as ZooKeeper reads it: {@code host[:port][,host[:port]...][/chroot]}, an
     * IPv6 host in brackets.
     *
     * @throws IllegalArgumentException saying what is wrong and the form expected
     */
    public static void requireConnectString(String connect) {
        if (connect == null || connect.isBlank()) {
            throw new IllegalArgumentException("a ZooKeeper connect string is required, e.g. zk1:2181,zk2:2181");
        }
        int chroot = connect.indexOf('/');
        for (String host : (chroot < 0 ? connect : connect.substring(0, chroot)).split(",", -1)) {
            String h = host.strip();
            int colon = h.lastIndexOf(':');
            String port = colon < 0 || h.endsWith("]") ? "2181" : h.substring(colon + 1);
            if (h.isEmpty() || colon == 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("'" + connect + "' is not a ZooKeeper connect string: '" + h
                        + "' is not host:port; write host:port[,host:port...], e.g. zk1:2181,zk2:2181");
            }
        }
    }

    /**
     * Checks a namespace: a path without leading or trailing slash.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void requireNamespace(String namespace) {
        if (namespace == null || namespace.isBlank() || namespace.startsWith("/") || namespace.endsWith("/")) {
            throw new IllegalArgumentException("the namespace '" + namespace + "' must be a path without leading or"
                    + " trailing slash, e.g. " + RegistryPaths.DEFAULT_NAMESPACE);
        }
    }

    /** A client with the default namespace and session timeout. */
    public static CuratorFramework newClient(String connect) {
        return newClient(connect, RegistryPaths.DEFAULT_NAMESPACE, DEFAULT_SESSION_TIMEOUT);
    }

    /**
     * Waits until a started client is connected.
     *
     * @return false when it was not connected within the timeout
     */
    public static boolean awaitConnected(CuratorFramework client, Duration timeout) {
        try {
            return client.blockUntilConnected(Math.toIntExact(Math.max(1, timeout.toMillis())), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static RetryPolicy retryPolicy() {
        return new ExponentialBackoffRetry(100, 10, 2_000);
    }

    private static ThreadFactory threads() {
        int client = CLIENTS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "zookeeper-" + client + "-curator-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
