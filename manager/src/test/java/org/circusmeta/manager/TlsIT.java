package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circusmeta.client.cli.CircusmetaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API over Dropwizard's https connector, with a self-signed key store the test makes with the JDK's
 * keytool, as the README shows it; the CLI trusts its certificate with {@code --ca-file}, and without it
 * says that it could not trust the manager.
 */
@Timeout(90)
class TlsIT {
    private static final String PASSWORD = "test-only-password";
    private static final Path DIR = tempDir();
    private static final Path KEY_STORE = DIR.resolve("manager.p12");
    private static final Path CERTIFICATE = DIR.resolve("manager.pem");

    static {
        keytool("-genkeypair", "-alias", "manager", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                KEY_STORE.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "manager", "-keystore", KEY_STORE.toString(), "-storepass", PASSWORD,
                "-file", CERTIFICATE.toString());
    }

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("server.applicationConnectors[0].type", "https"),
            ConfigOverride.config("server.applicationConnectors[0].keyStorePath", KEY_STORE.toString()),
            ConfigOverride.config("server.applicationConnectors[0].keyStorePassword", PASSWORD),
            ConfigOverride.config("server.applicationConnectors[0].keyStoreType", "PKCS12"));

    record Run(int status, String out) {}

    @Test
    void theCliTrustsTheManagersCertificateFromItsPemFile() {
        Run run = cli("--ca-file", CERTIFICATE.toString(), "nodes", "--json");
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out().strip()).isEqualTo("[]");
    }

    @Test
    void withoutItTheCliSaysItCouldNotTrustTheManager() {
        Run run = cli("nodes");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsIgnoringCase("certificat");
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = CircusmetaCli.run(List.of(args),
                Map.of("CIRCUSMETA_MANAGER", "https://127.0.0.1:" + MANAGER.app().getLocalPort()), print, print);
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + said);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Path.of("target"), "tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
