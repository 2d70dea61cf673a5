package org.circusmeta.manager;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The manager under test: the repository's config.yml, random ports, a given ZooKeeper. */
final class ManagerApps {
    /** The repository: the tests run in the manager module's folder. */
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final String CONFIG = HOME.resolve("config.yml").toString();

    /** config.yml's appender of the audit: in target/ for the tests. */
    private static final String AUDIT_FILE = "logging.loggers.circusmeta\\.audit.appenders[0]";

    private ManagerApps() {}

    /** As a JUnit extension of its own, for a test that starts its ZooKeeper itself (or none). */
    static DropwizardAppExtension<ManagerConfiguration> app(String zookeeper, ConfigOverride... extra) {
        return new DropwizardAppExtension<>(ManagerApplication.class, CONFIG, overrides(zookeeper, 0, extra));
    }

    /** The same manager, started and stopped by the caller (several replicas, a replica killed). */
    static DropwizardTestSupport<ManagerConfiguration> replica(String zookeeper, ConfigOverride... extra) {
        return replica(CONFIG, zookeeper, 0, extra);
    }

    /**
     * As {@link #replica(String, ConfigOverride...)}, its API on {@code apiPort} (0: any free port). The
     * port is given here, not as an override, because Dropwizard applies overrides in no set order.
     */
    static DropwizardTestSupport<ManagerConfiguration> replica(String zookeeper, int apiPort, ConfigOverride... extra) {
        return replica(CONFIG, zookeeper, apiPort, extra);
    }

    /** The same with another configuration file (one with a section config.yml leaves out). */
    static DropwizardTestSupport<ManagerConfiguration> replica(String config, String zookeeper, ConfigOverride... extra) {
        return replica(config, zookeeper, 0, extra);
    }

    /** With another configuration file, its API on {@code apiPort} (0: any free port). */
    static DropwizardTestSupport<ManagerConfiguration> replica(String config, String zookeeper, int apiPort,
            ConfigOverride... extra) {
        return new DropwizardTestSupport<>(ManagerApplication.class, config, overrides(zookeeper, apiPort, extra));
    }

    private static ConfigOverride[] overrides(String zookeeper, int apiPort, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", Integer.toString(apiPort)),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("zookeeper.connect", zookeeper),
                ConfigOverride.config("circus.endpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("circus.pubsubEndpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("circus.statsEndpoint", "tcp://127.0.0.1:0"),
                ConfigOverride.config("logging.level", "INFO"),
                ConfigOverride.config(AUDIT_FILE + ".currentLogFilename", "target/audit/circusmeta-audit.log"),
                ConfigOverride.config(AUDIT_FILE + ".archivedLogFilenamePattern", "target/audit/circusmeta-audit-%d.log.gz")));
        overrides.addAll(List.of(extra));
        return overrides.toArray(ConfigOverride[]::new);
    }
}
