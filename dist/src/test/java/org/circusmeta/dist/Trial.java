package org.circusmeta.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One trial installation on this machine, every port free: the manager on the example config.yml
 * with an embedded ZooKeeper (the overrides in JAVA_OPTS, as conf/manager.env would hold them), a
 * circusmeta-node on the example node.ini (its endpoints on loopback, port 0), and a standalone node
 * that plays the circusd the agent registers.
 */
final class Trial {
    private final Path home;
    private final Path work;
    private final int api = freePort();
    private final int zookeeper = freePort();
    private final int circusd = freePort();
    private final int circusdPubsub = freePort();

    Trial(Path home, Path work) {
        this.home = home;
        this.work = work;
    }

    Launched.Spec manager() {
        String javaOpts = String.join(" ", List.of(
                "-Ddw.server.applicationConnectors[0].bindHost=127.0.0.1",
                "-Ddw.server.applicationConnectors[0].port=" + api,
                // Port 0 wherever the test needs not know the port: a port found free and bound later can be
                // taken meanwhile by another process of this machine.
                "-Ddw.server.adminConnectors[0].port=0",
                "-Ddw.zookeeper.connect=embedded",
                "-Ddw.zookeeper.embedded.port=" + zookeeper,
                "-Ddw.zookeeper.embedded.dataDir=" + work.resolve("zookeeper"),
                "-Ddw.circus.endpoint=tcp://127.0.0.1:0",
                "-Ddw.circus.pubsubEndpoint=tcp://127.0.0.1:0",
                "-Ddw.circus.statsEndpoint=tcp://127.0.0.1:0",
                "-Ddw.logging.loggers.circusmeta\\.audit.appenders[0].currentLogFilename=" + work.resolve("audit.log"),
                "-Ddw.logging.loggers.circusmeta\\.audit.appenders[0].archivedLogFilenamePattern="
                        + work.resolve("audit-%d.log.gz")));
        return new Launched.Spec("manager", List.of(bin("circusmeta-manager"), home.resolve("conf/config.yml").toString()),
                work, Map.of("JAVA_OPTS", javaOpts), work.resolve("manager.log"));
    }

    /** The example node.ini, its endpoints on loopback and its log file here. */
    Launched.Spec node(String name) {
        String ini = read(home.resolve("conf/node.ini")).replaceAll("tcp://0\\.0\\.0\\.0:\\d+", "tcp://127.0.0.1:0")
                .replace("/var/log/circusmeta-node/", work.toString() + "/");
        Path file = write(name + ".ini", ini);
        return new Launched.Spec(name, List.of(bin("circusmeta-node"), "--config", file.toString(), "--zookeeper",
                "127.0.0.1:" + zookeeper, "--name", name, "--state-dir", work.resolve(name + "-state").toString()), work,
                Map.of(), work.resolve(name + ".log"));
    }

    /** A node registered by nobody, its control endpoint on a known port: the circusd of the agent. */
    Launched.Spec standaloneNode() {
        Path file = write("circusd.ini", "[circus]\nendpoint = tcp://127.0.0.1:" + circusd
                + "\npubsub_endpoint = tcp://127.0.0.1:" + circusdPubsub + "\n[watcher:sleeper]\ncmd = sleep 100000\n");
        return new Launched.Spec("circusd", List.of(bin("circusmeta-node"), "--config", file.toString()), work, Map.of(),
                work.resolve("circusd.log"));
    }

    /** The agent registering the standalone node as a circusd, its flags passed on by the launcher. */
    Launched.Spec agent(String name) {
        return new Launched.Spec(name, List.of(bin("circusmeta-register"), "--zookeeper", "127.0.0.1:" + zookeeper,
                "--endpoint", "tcp://127.0.0.1:" + circusd, "--pubsub", "tcp://127.0.0.1:" + circusdPubsub, "--name", name,
                "--label", "role=circusd", "--state-dir", work.resolve(name + "-state").toString()), work, Map.of(),
                work.resolve(name + "-" + System.nanoTime() + ".log"));
    }

    /** The CLI of the archive against this manager. */
    Shell.Result cli(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = bin("circusmeta");
        command[1] = "--manager";
        command[2] = "http://127.0.0.1:" + api;
        System.arraycopy(args, 0, command, 3, args.length);
        return Shell.run(work, Map.of(), Duration.ofSeconds(60), command);
    }

    private String bin(String launcher) {
        return home.resolve("bin").resolve(launcher).toString();
    }

    private Path write(String file, String text) {
        try {
            return Files.writeString(work.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
