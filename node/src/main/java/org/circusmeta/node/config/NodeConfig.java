package org.circusmeta.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.circusmeta.registration.ini.CircusSettings;
import org.circusmeta.registration.ini.IniException;

/**
 * A node's configuration, read from a circus.ini with circusd's rules and defaults: the {@code [circus]}
 * settings, the node's own logs settings from the same section, the watchers (with their {@code [env]} sections applied), the sockets, and the warnings
 * an operator should read (options the node does not know or does not act on).
 *
 * <p>Immutable.
 */
public record NodeConfig(
        CircusSettings circus, LogsSettings logs, List<WatcherSpec> watchers, List<SocketSpec> sockets, List<String> warnings,
        Optional<Path> file) {

    public NodeConfig {
        watchers = List.copyOf(watchers);
        sockets = List.copyOf(sockets);
        warnings = List.copyOf(warnings);
    }

    /** @throws IniException naming the file, section and key of what is wrong */
    public static NodeConfig read(Path file) {
        return NodeConfigReader.read(file);
    }

    /** A configuration from ini text, with no file to re-read on {@code reloadconfig}. */
    public static NodeConfig parse(String text, String source) {
        return NodeConfigReader.parse(text, source, Optional.empty());
    }

    /** The file read again, or this same configuration when it came from no file. */
    public NodeConfig reread() {
        return file.map(NodeConfig::read).orElse(this);
    }
}
