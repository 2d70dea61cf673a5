package org.circusmeta.client.cli;

import java.util.List;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.LogLineView;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.api.ScaleRequest;
import org.circusmeta.api.ScaledWatcher;
import org.circusmeta.api.StatsView;
import org.circusmeta.api.WatcherView;
import org.circusmeta.client.RecordJson;
import picocli.CommandLine;

/**
 * What a run loads beyond its own subcommand, loaded at the end of the run that records the class-data
 * sharing archive (scripts/circusmeta, {@code -Dcircusmeta.cli.warm=true}): every subcommand's picocli
 * command and help, every record the client reads and writes, every subcommand's code. The archive
 * then serves whichever subcommand comes next, not only the one that happened to record it.
 *
 * <p>Stateless.
 */
final class ArchiveWarmUp {
    static final String PROPERTY = "circusmeta.cli.warm";

    private ArchiveWarmUp() {}

    static void loadAll() {
        CommandLine all = CircusmetaCli.commandLine(List.of(Subcommand.values()));
        CircusmetaCli.help(all);
        for (CommandLine sub : all.getSubcommands().values()) {
            CircusmetaCli.help(sub);
        }
        all.parseArgs("add", "w", "sleep", "60", "--constraint", "k=v", "--numprocesses=2");
        CircusmetaCli.commandLine(List.of(Subcommand.EXEC)).parseArgs("exec", "list", "--node", "a", "--node", "b", "--all");
        RecordJson.prepare(NodeView.class, WatcherView.class, AddedWatcher.class, CommandResults.class,
                RenameAccepted.class, StatsView.class, AddWatcherRequest.class, CommandRequest.class, ScaleRequest.class,
                ScaledWatcher.class, EligibilityChanged.class, RestartRequest.class, OperationView.class, LogLineView.class,
                OperationEvent.class, DrainRequest.class);
        List.of(WatcherCommands.class, StatsCommand.class, TopView.class, NodeResults.class, UsageErrors.class,
                NodeCommands.class, RollingRestartView.class, OperationProgress.class, DrainView.class,
                ApplyView.class).forEach(Class::getName);
        Table.decimal(1.25);
    }
}
