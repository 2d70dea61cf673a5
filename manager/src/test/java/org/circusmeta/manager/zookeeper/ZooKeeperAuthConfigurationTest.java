package org.circusmeta.manager.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import org.circusmeta.manager.ManagerConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperAuthConfigurationTest {
    private static final String WEB = "web-01:kWN6aNSbjcKWPqjiV7cg0N24raU=";
    private static final String WORKER = "worker-01:Tn4QeG4vQG9+u9eE0Q2fQkc0R1E=";
    private static final Path REPOSITORY_CONFIG = Path.of("..", "config.yml");

    private final YamlConfigurationFactory<ManagerConfiguration> factory = new YamlConfigurationFactory<>(
            ManagerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path dir;

    private ManagerConfiguration read(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yml"), yaml);
        return factory.build(new FileConfigurationSourceProvider(), file.toString());
    }

    @Test
    void aclsAreOffUnlessAFileIsNamed() throws Exception {
        ZooKeeperFactory zookeeper = factory.build(new FileConfigurationSourceProvider(), REPOSITORY_CONFIG.toString())
                .getZookeeper();
        assertThat(zookeeper.getAuth().isEnabled()).isFalse();
        assertThat(zookeeper.getAuth().credentials()).isEmpty();
        assertThat(zookeeper.getClientConfig()).isNull();
    }

    @Test
    void readsTheFileAndTheRegistrars() throws Exception {
        Path auth = Files.writeString(dir.resolve("manager.auth"), "mgr:secret\n");
        ZooKeeperAuthFactory config = read("zookeeper:\n  auth:\n    file: " + auth + "\n    registrars: [\"" + WEB
                + "\", \"" + WORKER + "\"]\n").getZookeeper().getAuth();
        assertThat(config.credentials()).hasValueSatisfying(c -> assertThat(c.user()).isEqualTo("mgr"));
        assertThat(config.registrarIds()).extracting(id -> id.getId()).containsExactly(WEB, WORKER);
    }

    @Test
    void theRegistrarsMayBeGivenOnTheCommandLineWithoutAnAuthBlock() throws Exception {
        System.setProperty("dw.zookeeper.auth.registrars", WEB + "," + WORKER);
        System.setProperty("dw.zookeeper.auth.file", "/etc/circusmeta/zookeeper-manager.auth");
        try {
            ZooKeeperAuthFactory config = factory.build(new FileConfigurationSourceProvider(),
                    REPOSITORY_CONFIG.toString()).getZookeeper().getAuth();
            assertThat(config.getRegistrars()).containsExactly(WEB, WORKER);
            assertThat(config.getFile()).isEqualTo("/etc/circusmeta/zookeeper-manager.auth");
        } finally {
            System.clearProperty("dw.zookeeper.auth.registrars");
            System.clearProperty("dw.zookeeper.auth.file");
        }
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> read("zookeeper: {auth: {file: /x, registrars: [\"web-01:secret\"]}}"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("must be a digest id");
        assertThatThrownBy(() -> read("zookeeper: {auth: {registrars: [\"" + WEB + "\"]}}"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("names no file");
    }
}
