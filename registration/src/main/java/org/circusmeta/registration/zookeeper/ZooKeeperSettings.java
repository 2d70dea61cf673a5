package org.circusmeta.registration.zookeeper;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.imps.DefaultACLProvider;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ConfigException;

/**
 * How a program reaches the registry: the ensemble, the namespace, the session timeout, and,
 * optionally, the digest identity it authenticates as (ZooKeeper ACLs on) and a ZooKeeper client
 * configuration file: the Java properties file ZooKeeper's own {@code zkCli.sh -client-configuration}
 * reads, with {@code zookeeper.client.secure}, {@code zookeeper.clientCnxnSocket} and the
 * {@code zookeeper.ssl.*} settings for TLS. The JVM's {@code zookeeper.*} system properties apply
 * too; the file's values win.
 *
 * <p>Immutable.
 *
 * @param connect {@code host:port[,host:port...]}
 * @param namespace the root of every path, without a slash
 * @param sessionTimeout the session timeout asked of ZooKeeper
 * @param credentials the identity to authenticate as; empty: none (no ACLs)
 * @param clientConfig the ZooKeeper client configuration file; empty: the JVM's system properties only
 */
public record ZooKeeperSettings(String connect, String namespace, Duration sessionTimeout,
        Optional<ZooKeeperCredentials> credentials, Optional<Path> clientConfig) {

    /**
     * @throws IllegalArgumentException for a wrong connect string, namespace or timeout, or a client
     *     configuration file that cannot be read, saying which
     */
    public ZooKeeperSettings {
        ZooKeeperClients.requireConnectString(connect);
        connect = connect.strip();
        ZooKeeperClients.requireNamespace(namespace);
        if (sessionTimeout == null || sessionTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("a ZooKeeper session timeout of " + sessionTimeout + " is too short");
        }
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clientConfig, "clientConfig");
        clientConfig.ifPresent(ZooKeeperSettings::load);
    }

    /** No identity, no client configuration file. */
    public static ZooKeeperSettings of(String connect, String namespace, Duration sessionTimeout) {
        return new ZooKeeperSettings(connect, namespace, sessionTimeout, Optional.empty(), Optional.empty());
    }

    public ZooKeeperSettings withCredentials(ZooKeeperCredentials identity) {
        return new ZooKeeperSettings(connect, namespace, sessionTimeout, Optional.of(identity), clientConfig);
    }

    public ZooKeeperSettings withClientConfig(Path file) {
        return new ZooKeeperSettings(connect, namespace, sessionTimeout, credentials, Optional.of(file));
    }

    /**
     * Whether its clients speak TLS to ZooKeeper ({@code zookeeper.client.secure}, in the client
     * configuration file or as a system property). Read as plain properties: building ZooKeeper's own
     * client configuration would initialise the JDK's TLS stack.
     */
    public boolean secure() {
        Properties file = new Properties();
        clientConfig.ifPresent(path -> {
            try (Reader in = Files.newBufferedReader(path)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the ZooKeeper client configuration " + path + " ("
                        + e.getMessage() + "); check that the file exists and that it is readable", e);
            }
        });
        return Boolean.parseBoolean(file.getProperty(ZKClientConfig.SECURE_CLIENT,
                System.getProperty(ZKClientConfig.SECURE_CLIENT)));
    }

    /** An unstarted client creating znodes with ZooKeeper's default ACL (anyone may do anything). */
    public CuratorFramework newClient() {
        return newClient(new DefaultACLProvider());
    }

    /** An unstarted client that authenticates with the credentials, if any, and gives new znodes the provider's ACLs. */
    public CuratorFramework newClient(ACLProvider acls) {
        return ZooKeeperClients.build(this, acls, clientConfig.map(ZooKeeperSettings::load).orElse(null));
    }

    private static ZKClientConfig load(Path file) {
        try {
            return new ZKClientConfig(file);
        } catch (ConfigException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the ZooKeeper client configuration " + file + " ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + "); it is a Java properties"
                    + " file of zookeeper.* client settings, as zkCli.sh -client-configuration reads", e);
        }
    }
}
