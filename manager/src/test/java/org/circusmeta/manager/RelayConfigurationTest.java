package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.circusmeta.manager.aggregation.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayConfigurationTest {
    private final YamlConfigurationFactory<ManagerConfiguration> factory =
            new YamlConfigurationFactory<>(ManagerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path dir;

    @Test
    void theRepositoryConfigGivesTheRelayItsSocketsAndBounds() throws Exception {
        ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), ManagerApps.CONFIG);
        assertThat(config.getCircus().relaySettings()).isEqualTo(new RelaySettings("tcp://127.0.0.1:5656",
                "tcp://127.0.0.1:5657", 10_000, 10_000, Duration.ofSeconds(5), 1_000, 64, 16L << 20));
        assertThat(config.getCircus().endpointDeadline()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void refusesBoundsThatCannotWork() throws Exception {
        for (String bad : new String[] {"highWaterMark: 0", "nodeHighWaterMark: -1", "statsExpireAfter: 10ms",
                "eventsQueue: 0", "eventsMaxReaders: 0"}) {
            String file = dir.resolve("bad.yml").toString();
            Files.writeString(Path.of(file), "circus: {relay: {" + bad + "}}");
            assertThatThrownBy(() -> factory.build(new FileConfigurationSourceProvider(), file)).as(bad)
                    .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining(bad.substring(0, bad.indexOf(':')));
        }
    }
}
