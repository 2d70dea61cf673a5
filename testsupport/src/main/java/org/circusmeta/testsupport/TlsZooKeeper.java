package org.circusmeta.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A real ZooKeeper server that takes clients over TLS only (its secure client port, on Netty), with a
 * self-signed certificate for 127.0.0.1 made by the JDK's {@code keytool}, and the client
 * configuration file a client needs to reach it: the Java properties ZooKeeper's clients read
 * ({@code zookeeper.client.secure}, {@code zookeeper.clientCnxnSocket}, the trust store).
 *
 * <p>ZooKeeper hands a server's {@code ssl.*} settings over as JVM system properties, which it reads
 * again for every connection: they stay while the server runs (a client without {@code
 * zookeeper.client.secure} ignores them) and are removed when it is closed.
 */
public final class TlsZooKeeper implements AutoCloseable {
    private static final String PASSWORD = "test-store-secret";

    private final ZooKeeperServerEmbedded server;
    private final int port;
    private final Path clientConfig;
    private final Set<String> properties;

    private TlsZooKeeper(ZooKeeperServerEmbedded server, int port, Path clientConfig, Set<String> properties) {
        this.server = server;
        this.port = port;
        this.clientConfig = clientConfig;
        this.properties = properties;
    }

    /** Makes the keys in {@code dir} and starts the server. */
    public static TlsZooKeeper start(Path dir) throws Exception {
        Path keyStore = dir.resolve("zookeeper-server.p12");
        Path certificate = dir.resolve("zookeeper-server.crt");
        Path trustStore = dir.resolve("zookeeper-trust.p12");
        keytool("-genkeypair", "-alias", "zookeeper", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "zookeeper", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "zookeeper", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

        int port = freePort();
        Properties config = new Properties();
        config.setProperty("secureClientPort", Integer.toString(port));
        config.setProperty("secureClientPortAddress", "127.0.0.1");
        config.setProperty("dataDir", Files.createDirectories(dir.resolve("data")).toString());
        config.setProperty("tickTime", "500");
        config.setProperty("admin.enableServer", "false");
        config.setProperty("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
        config.setProperty("ssl.keyStore.location", keyStore.toString());
        config.setProperty("ssl.keyStore.password", PASSWORD);
        config.setProperty("ssl.keyStore.type", "PKCS12");
        config.setProperty("ssl.clientAuth", "none");
        Set<String> before = new HashSet<>(System.getProperties().stringPropertyNames());
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(Files.createDirectories(dir.resolve("conf"))).configuration(config)
                .exitHandler(ExitHandler.LOG_ONLY).build();
        server.start(30_000);
        Set<String> added = new HashSet<>(System.getProperties().stringPropertyNames());
        added.removeAll(before);

        Path clientConfig = dir.resolve("zookeeper-client.properties");
        Files.writeString(clientConfig, String.join("\n",
                "zookeeper.client.secure=true",
                "zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty",
                "zookeeper.ssl.trustStore.location=" + trustStore,
                "zookeeper.ssl.trustStore.password=" + PASSWORD,
                "zookeeper.ssl.trustStore.type=PKCS12", ""));
        return new TlsZooKeeper(server, port, clientConfig, added);
    }

    /** The secure port's connect string. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** The client configuration file for this server. */
    public Path clientConfig() {
        return clientConfig;
    }

    @Override
    public void close() {
        server.close();
        properties.forEach(System::clearProperty);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
