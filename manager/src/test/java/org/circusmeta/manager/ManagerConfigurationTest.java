package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.Duration;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.circusmeta.manager.placement.PlacementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagerConfigurationTest {
    private final YamlConfigurationFactory<ManagerConfiguration> factory =
            new YamlConfigurationFactory<>(ManagerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path dir;

    @Test
    void readsTheRepositoryConfigAsSpecFourFiveShowsIt() throws Exception {
        ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), ManagerApps.CONFIG);
        assertThat(config.getZookeeper().isEmbedded()).isTrue();
        assertThat(config.getZookeeper().getNamespace()).isEqualTo("circusmeta");
        assertThat(config.getZookeeper().getSessionTimeout()).isEqualTo(Duration.seconds(10));
        assertThat(config.getZookeeper().getEmbedded().getPort()).isEqualTo(2181);
        assertThat(config.getZookeeper().getEmbedded().getDataDir()).isEqualTo("./data/zookeeper");
        assertThat(config.getCircus().getEndpoint()).isEqualTo("tcp://127.0.0.1:5655");
        assertThat(config.getCircus().getCommandTimeout()).isEqualTo(Duration.seconds(5));
        assertThat(config.getPlacement().getStrategy()).isEqualTo(PlacementFactory.Strategy.LEAST_LOADED);
        assertThat(config.getPlacement().getRescheduleAfter()).isEqualTo(Duration.seconds(30));
        assertThat(config.getAuth().getTokens()).isEmpty();
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getBindHost()).isEqualTo("127.0.0.1");
        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void anEmptyFileGivesTheDefaultsOnLoopback() throws Exception {
        ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), write("{}"));
        assertThat(config.getCircus().getLivenessInterval()).isEqualTo(Duration.milliseconds(500));
        assertThat(config.getPlacement().getStrategy()).isEqualTo(PlacementFactory.Strategy.LEAST_LOADED);
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getBindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void acceptsEveryPlacementStrategy() throws Exception {
        for (String strategy : new String[] {"least-loaded", "round-robin", "random"}) {
            ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(),
                    write("placement: {strategy: " + strategy + "}"));
            assertThat(config.getPlacement().getStrategy().wireName()).isEqualTo(strategy);
        }
    }

    @Test
    void refusesValuesThatCannotWork() {
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("circus: {commandTimeout: 0s}")))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("circus: {endpoint: 'nowhere'}")))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("zookeeper: {namespace: 'a/b'}")))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("zookeeper: null")))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("zookeeper");
    }

    @Test
    void takesOverridesFromSystemProperties() throws Exception {
        System.setProperty("dw.circus.commandTimeout", "750ms");
        try {
            ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), ManagerApps.CONFIG);
            assertThat(config.getCircus().getCommandTimeout()).isEqualTo(Duration.milliseconds(750));
        } finally {
            System.clearProperty("dw.circus.commandTimeout");
        }
    }

    private String write(String yaml) throws Exception {
        File file = dir.resolve("config-" + System.nanoTime() + ".yml").toFile();
        Files.writeString(file.toPath(), yaml);
        return file.getPath();
    }
}
