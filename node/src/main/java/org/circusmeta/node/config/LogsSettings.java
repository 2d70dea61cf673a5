package org.circusmeta.node.config;

import java.util.Optional;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.logs.LogsOptions;
import org.circusmeta.registration.ini.IniSection;

/**
 * The node's logs, from its {@code [circus]} section: where they are served ({@code logs_endpoint},
 * default a free port on loopback) and how much of each watcher's output is kept ({@code logs_keep}
 * lines, default 1,000, and {@code logs_keep_bytes}, default 1 MiB).
 *
 * <p>Immutable.
 */
public record LogsSettings(String endpoint, int keepLines, long keepBytes) {
    public static final String DEFAULT_ENDPOINT = "tcp://127.0.0.1:0";
    public static final LogsSettings DEFAULTS = new LogsSettings(DEFAULT_ENDPOINT, LogsOptions.DEFAULT_KEEP_LINES,
            LogsOptions.DEFAULT_KEEP_BYTES);

    static LogsSettings from(Optional<IniSection> circus) {
        if (circus.isEmpty()) {
            return DEFAULTS;
        }
        IniSection s = circus.get();
        String endpoint = s.get("logs_endpoint").filter(v -> !v.isBlank()).orElse(DEFAULT_ENDPOINT);
        try {
            endpoint = Endpoint.parse(endpoint).toString();
        } catch (IllegalArgumentException e) {
            throw s.bad("logs_endpoint", endpoint, "an endpoint such as tcp://127.0.0.1:0 (" + e.getMessage() + ")");
        }
        int lines = s.integer("logs_keep", LogsOptions.DEFAULT_KEEP_LINES);
        if (lines < 1 || lines > 1_000_000) {
            throw s.bad("logs_keep", String.valueOf(lines), "a number of lines from 1 to 1000000");
        }
        long bytes = s.integer("logs_keep_bytes", (int) LogsOptions.DEFAULT_KEEP_BYTES);
        if (bytes < 1024) {
            throw s.bad("logs_keep_bytes", String.valueOf(bytes), "a number of bytes, at least 1024");
        }
        return new LogsSettings(endpoint, lines, bytes);
    }

    /** The endpoint's options for these settings. */
    public LogsOptions options() {
        return LogsOptions.DEFAULTS.withKeep(keepLines, keepBytes);
    }
}
