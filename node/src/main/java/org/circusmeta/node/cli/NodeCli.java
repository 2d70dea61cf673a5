package org.circusmeta.node.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.registration.cli.CommandLines;
import org.circusmeta.registration.ini.IniException;
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
        NodeFlags flags = new NodeFlags();
        OptionalInt done = CommandLines.parse(flags, new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset()), args);
        System.exit(done.isPresent() ? done.getAsInt() : run(flags));
    }

    static int run(NodeFlags flags) {
        Logger log = LoggerFactory.getLogger(NodeCli.class);
        if (flags.zookeeper().isEmpty() && (flags.registration().zookeeperAuthFile().isPresent()
                || flags.registration().zookeeperClientConfig().isPresent())) {
            log.error("--zookeeper-auth-file and --zookeeper-client-config go with --zookeeper (without it the node"
                    + " runs standalone)");
            return CommandLines.USAGE_ERROR;
        }
        NodeConfig config;
        try {
            config = NodeConfig.read(flags.config());
        } catch (IniException e) {
            log.error("cannot run {}: {}", flags.config(), e.getMessage());
            return CommandLines.CONFIG_ERROR;
        }
        Optional<ZooKeeperSettings> settings;
        try {
            settings = flags.zookeeper().map(connect -> flags.registration().zookeeper(connect));
        } catch (IllegalArgumentException e) {
            log.error("cannot register in ZooKeeper: {}", e.getMessage());
            return CommandLines.CONFIG_ERROR;
        }
        Optional<NodeZooKeeper> zookeeper = settings.map(NodeZooKeeper::start);
        CircusNode node = CircusNode.standalone(config, zookeeper.map(z -> z.registration(flags.registration())));
        // Registered before start(): a SIGTERM that arrives while the watchers are being spawned must stop
        // them too, not leave them running without their node.
        AtomicBoolean signalled = new AtomicBoolean();
        Thread shutdown = shutdownHook(node, zookeeper, signalled, log);
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
            zookeeper.ifPresent(NodeZooKeeper::close);
            return CommandLines.CONFIG_ERROR;
        }
        node.terminated().join();
        return 0;
    }

    private static Thread shutdownHook(CircusNode node, Optional<NodeZooKeeper> zookeeper, AtomicBoolean signalled,
            Logger log) {
        return new Thread(() -> {
            signalled.set(true);
            if (!node.isStopped()) {
                log.info("stop requested; stopping every watcher gracefully");
            }
            node.close();
            zookeeper.ifPresent(NodeZooKeeper::close);
            log.info("circusmeta-node stopped");
            // A JVM ended by a signal exits with 128 + the signal; this one stopped cleanly.
            Runtime.getRuntime().halt(0);
        }, "circusmeta-node-shutdown");
    }
}
