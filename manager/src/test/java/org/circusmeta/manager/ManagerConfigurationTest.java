package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
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
import java.time.Instant;
import org.circusmeta.manager.placement.PlacementFactory;
import org.circusmeta.registration.record.NodeRecord;
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
    void readsStaticNodesAsRecordsOfKindStatic() throws Exception {
        ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), write("""
                nodes:
                  - name: legacy-01
                    endpoint: tcp://10.0.0.7:5555
                    pubsub_endpoint: tcp://10.0.0.7:5556
                    labels: {tier: web}
                    capacity: 2
                  - {name: legacy-02, endpoint: 'ipc:///var/run/circus/endpoint'}
                """));
        Instant at = Instant.parse("2026-11-26T04:39:34Z");
        NodeRecord first = config.getNodes().get(0).record(at);
        assertThat(first.kind()).isEqualTo(NodeRecord.KIND_STATIC);
        assertThat(first.pubsubEndpoint()).contains("tcp://10.0.0.7:5556");
        assertThat(first.statsEndpoint()).isEmpty();
        assertThat(first.labels()).containsEntry("tier", "web");
        assertThat(first.capacity()).isEqualTo(2.0);
        assertThat(first.host()).isEqualTo("10.0.0.7");
        assertThat(first.registeredAt()).isEqualTo(at);
        assertThat(config.getNodes().get(1).record(at).endpoint()).isEqualTo("ipc:///var/run/circus/endpoint");
    }

    @Test
    void refusesABadStaticNodeNamingTheEntryAndTheKey() {
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("""
                nodes:
                  - {name: ok-01, endpoint: tcp://10.0.0.7:5555}
                  - {name: bad-01, endpoint: tcp://0.0.0.0:5555}
                """))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("nodes[1].endpoint").hasMessageContaining("a bind on every interface");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("""
                nodes: [{name: ok-01, endpoint: tcp://10.0.0.7:5555, stats_endpoint: 'tcp://10.0.0.7:0'}]
                """))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("nodes[0].stats").hasMessageContaining("port 0");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("""
                nodes: [{name: 'no good', endpoint: tcp://10.0.0.7:5555}]
                """))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("nodes[0].name").hasMessageContaining("must be a node name");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("""
                nodes: [{name: ok-01}]
                """))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("nodes[0].endpoint").hasMessageContaining("must not be null");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("""
                nodes: [{name: ok-01, endpoint: tcp://10.0.0.7:5555, capacity: 0}]
                """))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("nodes[0].capacity");
        assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), write("""
                nodes:
                  - {name: twin, endpoint: tcp://10.0.0.7:5555}
                  - {name: twin, endpoint: tcp://10.0.0.8:5555}
                """))).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("nodes gives entries [0] and [1] the same name, 'twin'");
    }

    @Test
    void refusesAnUnknownKeyOfAStaticNode() {
        // As the application reads its configuration: unknown keys refused.
        var strict = new DefaultConfigurationFactoryFactory<ManagerConfiguration>().create(ManagerConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        assertThatThrownBy(() -> strict.build(new FileConfigurationSourceProvider(), write("""
                nodes: [{name: ok-01, endpoint: tcp://10.0.0.7:5555, pubsub: tcp://10.0.0.7:5556}]
                """))).hasMessageContaining("Unrecognized field").hasMessageContaining("pubsub");
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
