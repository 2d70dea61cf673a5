package org.circusmeta.node.cli;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.registration.ini.IniException;
import org.circusmeta.registration.record.HostInfo;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code circusmeta-node}: runs a circus.ini on the JVM, registered in ZooKeeper with
 * {@code --zookeeper}, standalone without. Exit status: 0 after {@code quit} or SIGTERM/SIGINT (every
 * watcher stopped gracefully, the node deregistered), 1 when the configuration cannot be read or an
 * endpoint cannot be bound, 2 for a bad command line.
 *
 * <p>Runs on the main thread; the signal handling on a JVM shutdown hook.
 */
public final class NodeCli {
    private static final String LOGGING = "circusmeta-node-logback.xml";

    private NodeCli() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
        NodeFlags flags;
        try {
            flags = NodeFlags.parse(args);
        } catch (NodeFlags.UsageException e) {
            System.err.println("circusmeta-node: " + e.getMessage());
            System.err.print(NodeFlags.USAGE);
            System.exit(2);
            return;
        }
        if (flags.help()) {
            System.out.print(NodeFlags.USAGE);
            return;
        }
        System.exit(run(flags));
    }

    static int run(NodeFlags flags) {
        Logger log = LoggerFactory.getLogger(NodeCli.class);
        NodeConfig config;
        try {
            config = NodeConfig.read(flags.config());
        } catch (IniException e) {
            log.error("cannot run {}: {}", flags.config(), e.getMessage());
            return 1;
        }
        Optional<ZooKeeperSettings> zookeeper;
        try {
            zookeeper = zookeeper(flags);
        } catch (IllegalArgumentException e) {
            log.error("cannot register in ZooKeeper: {}", e.getMessage());
            return 1;
        }
        CuratorFramework curator = zookeeper.map(ZooKeeperSettings::newClient).orElse(null);
        if (curator != null) {
            curator.start();
        }
        CircusNode node = CircusNode.standalone(config,
                zookeeper.map(settings -> registration(curator, settings, flags)));
        // Registered before start(): a SIGTERM that arrives while the watchers are being spawned must stop
        // them too, not leave them running without their node.
        AtomicBoolean signalled = new AtomicBoolean();
        Thread shutdown = shutdownHook(node, curator, signalled, log);
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            node.start();
        } catch (CircusException | IllegalStateException e) {
            if (signalled.get()) {
                return 0; // stopped by a signal while it was starting: the shutdown hook is at work
            }
            log.error("cannot start the node: {}", e.getMessage());
            Runtime.getRuntime().removeShutdownHook(shutdown);
            node.close();
            closeQuietly(curator);
            return 1;
        }
        node.terminated().join();
        return 0;
    }

    private static Thread shutdownHook(CircusNode node, CuratorFramework curator, AtomicBoolean signalled, Logger log) {
        return new Thread(() -> {
            signalled.set(true);
            if (!node.isStopped()) {
                log.info("stop requested; stopping every watcher gracefully");
            }
            node.close();
            closeQuietly(curator);
            log.info("circusmeta-node stopped");
            // A JVM ended by a signal exits with 128 + the signal; this one stopped cleanly.
            Runtime.getRuntime().halt(0);
        }, "circusmeta-node-shutdown");
    }

    /** Where to register: {@code --zookeeper} and the ZooKeeper flags beside it; empty: standalone. */
    private static Optional<ZooKeeperSettings> zookeeper(NodeFlags flags) {
        if (flags.zookeeper().isEmpty()) {
            return Optional.empty();
        }
        ZooKeeperSettings settings = ZooKeeperSettings.of(flags.zookeeper().get(), RegistryPaths.DEFAULT_NAMESPACE,
                ZooKeeperClients.DEFAULT_SESSION_TIMEOUT);
        if (flags.zookeeperClientConfig().isPresent()) {
            settings = settings.withClientConfig(flags.zookeeperClientConfig().get());
        }
        if (flags.zookeeperAuthFile().isPresent()) {
            settings = settings.withCredentials(ZooKeeperCredentials.read(flags.zookeeperAuthFile().get()));
        }
        return Optional.of(settings);
    }

    private static NodeRegistration registration(CuratorFramework curator, ZooKeeperSettings zookeeper,
            NodeFlags flags) {
        String name = flags.name().orElseGet(() -> QualifiedName.nodeNameForHost(HostInfo.local().hostName()));
        NodeRegistration how = new NodeRegistration(curator, name, flags.labels(), flags.capacity(),
                flags.advertiseHost(), flags.stateDir());
        return zookeeper.credentials().isPresent() ? how.withRecordSessions(zookeeper) : how;
    }


    private static void closeQuietly(CuratorFramework curator) {
        if (curator != null) {
            curator.close();
        }
    }
}
