package org.circusmeta.node.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.circusmeta.registration.cli.FlagValues;
import org.circusmeta.registration.cli.RegistrationFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of {@code circusmeta-node} (README.md, "circusmeta-node"); filled in by picocli, then only read. */
@Command(name = "circusmeta-node", sortOptions = false, sortSynopsis = false, descriptionHeading = "%n",
        optionListHeading = "%n",
        description = "Runs a circus.ini on the JVM as circusd 0.19 would: supervises its watchers, answers circusctl"
                + " on its endpoint, publishes the events and stats streams. With --zookeeper it registers in"
                + " ZooKeeper; without, it runs standalone. Logs go to stderr.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:after quit, SIGTERM or SIGINT (every watcher stopped gracefully, the node deregistered),"
                + " or --help", "1:the configuration cannot be read or an endpoint cannot be bound",
                "2:a wrong command line"})
final class NodeFlags {
    @Option(names = "--config", paramLabel = "FILE", required = true, order = 1,
            description = "the circus.ini to run: [circus], [watcher:NAME], [env], [env:NAME] and [socket:NAME]"
                    + " sections")
    private Path config;

    @Option(names = "--zookeeper", paramLabel = "HOSTS", converter = FlagValues.ConnectString.class, order = 2,
            description = "register in ZooKeeper (host:port[,host:port...]); without it the node runs standalone,"
                    + " like a plain circusd")
    private String zookeeper;

    @Mixin
    private RegistrationFlags registration;

    Path config() {
        return config;
    }

    Optional<String> zookeeper() {
        return Optional.ofNullable(zookeeper);
    }

    RegistrationFlags registration() {
        return registration;
    }
}
