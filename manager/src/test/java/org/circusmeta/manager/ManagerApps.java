package org.circusmeta.manager;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The manager under test: the repository's config.yml, random ports, a given ZooKeeper. */
final class ManagerApps {
    static final String CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize().toString();

    private ManagerApps() {}

    /** As a JUnit extension of its own, for a test that starts its ZooKeeper itself (or none). */
    static DropwizardAppExtension<ManagerConfiguration> app(String zookeeper, ConfigOverride... extra) {
        return new DropwizardAppExtension<>(ManagerApplication.class, CONFIG, overrides(zookeeper, extra));
    }

    /** The same manager, started and stopped by the caller (several replicas, a replica killed). */
    static DropwizardTestSupport<ManagerConfiguration> replica(String zookeeper, ConfigOverride... extra) {
        return replica(CONFIG, zookeeper, extra);
    }

    /** The same with another configuration file (one with a section config.yml leaves out). */
    static DropwizardTestSupport<ManagerConfiguration> replica(String config, String zookeeper, ConfigOverride... extra) {
        return new DropwizardTestSupport<>(ManagerApplication.class, config, overrides(zookeeper, extra));
    }

    private static ConfigOverride[] overrides(String zookeeper, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("zookeeper.connect", zookeeper),
                ConfigOverride.config("circus.endpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("circus.pubsubEndpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("circus.statsEndpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("logging.level", "INFO")));
        overrides.addAll(List.of(extra));
        return overrides.toArray(ConfigOverride[]::new);
    }
}
