package org.circusmeta.manager.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Supplier;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Request;
import org.circusmeta.registration.record.NodeRecord;

/**
 * Where a real circusd writes the output of the watchers the manager adds to it: unless the request names
 * its own {@code stdout_stream}/{@code stderr_stream}, each output goes to a {@code FileStream} under the
 * configured directory, {@code NODE.WATCHER.stdout.log} (rotated at {@code maxBytes}, {@code backups}
 * kept), which the node's {@code circusmeta-register} agent tails, so that its logs are readable from its
 * first line. A real circusd is a node whose record says {@code kind: circusd} (its agent registered
 * it); a circusmeta-node reads every process's pipes itself and gets the watcher as asked, and so does
 * every node when no directory is configured.
 *
 * <p>Immutable; thread-safe.
 */
public final class OutputFiles {
    private final Optional<String> directory;
    private final long maxBytes;
    private final int backups;
    private final Supplier<NodeDirectory> nodes;

    public OutputFiles(Optional<String> directory, long maxBytes, int backups, Supplier<NodeDirectory> nodes) {
        this.directory = directory.map(d -> d.endsWith("/") && d.length() > 1 ? d.substring(0, d.length() - 1) : d);
        this.maxBytes = maxBytes;
        this.backups = backups;
        this.nodes = nodes;
    }

    /** Adds nothing to any watcher: for a manager that leaves every output where the request says. */
    public static OutputFiles none() {
        return new OutputFiles(Optional.empty(), 0, 0, () -> NodeDirectory.EMPTY);
    }

    /** Circus's {@code add} of the watcher as this node is to run it. */
    public Request addRequest(WatcherDefinition definition, String node, boolean waiting) {
        return onNode(definition, node).addRequest(waiting);
    }

    /** The watcher as this node is to run it: with file streams on a real circusd, as given elsewhere. */
    public WatcherDefinition onNode(WatcherDefinition definition, String node) {
        boolean circusd = nodes.get().node(node).flatMap(RegisteredNode::record).map(NodeRecord::kind)
                .filter(NodeRecord.KIND_CIRCUSD::equals).isPresent();
        if (directory.isEmpty() || !circusd) {
            return definition;
        }
        ObjectNode streams = CircusJson.object();
        for (String stream : new String[] {"stdout", "stderr"}) {
            if (!names(definition.options(), stream + "_stream")) {
                streams.putObject(stream + "_stream").put("class", "FileStream")
                        .put("filename", directory.get() + "/" + node + "." + definition.name() + "." + stream + ".log")
                        .put("max_bytes", maxBytes).put("backup_count", backups);
            }
        }
        return streams.isEmpty() ? definition : definition.withOptions(streams);
    }

    private static boolean names(ObjectNode options, String key) {
        for (var names = options.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals(key) || name.startsWith(key + ".")) {
                return true;
            }
        }
        return false;
    }
}
