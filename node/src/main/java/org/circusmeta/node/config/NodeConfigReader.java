package org.circusmeta.node.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.circusmeta.node.process.GnuArgs;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.ini.CircusIni;
import org.circusmeta.registration.ini.CircusSettings;
import org.circusmeta.registration.ini.IniException;
import org.circusmeta.registration.ini.IniSection;

/**
 * Turns a circus.ini into a {@link NodeConfig}: {@code $(circus.env.NAME)} expanded from the node's
 * environment, {@code [env]} then {@code [env:PATTERNS]} sections applied in file order (with the
 * {@code __name__} key circusd's parser leaks into them), sockets read.
 *
 * <p>Thread-safe (stateless).
 */
final class NodeConfigReader {
    private static final Set<String> CIRCUS_KEYS = Set.of("endpoint", "pubsub_endpoint", "stats_endpoint", "statsd",
            "check_delay", "multicast_endpoint", "warmup_delay", "endpoint_owner", "umask", "pidfile", "loglevel",
            "logoutput", "loggerconfig", "debug", "debug_gc", "fqdn_prefix", "httpd", "httpd_host", "httpd_port",
            "include", "include_dir", "logs_endpoint", "logs_keep", "logs_keep_bytes");
    private static final Set<String> SOCKET_KEYS = Set.of("host", "port", "path", "family", "type", "backlog", "umask",
            "replace", "so_reuseport", "interface", "blocking", "proto");

    private NodeConfigReader() {}

    static NodeConfig read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), Optional.of(file));
        } catch (NoSuchFileException e) {
            throw new IniException("configuration file not found: " + file + " (give the path of a circus.ini)");
        } catch (IOException e) {
            throw new IniException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static NodeConfig parse(String text, String source, Optional<Path> file) {
        Map<String, String> env = new HashMap<>();
        GnuArgs.putEnvironment(env, System.getenv());
        CircusIni ini = CircusIni.parse(GnuArgs.replace(text, env), source);
        List<String> warnings = new ArrayList<>();
        CircusSettings circus = ini.circus();
        ini.section("circus").ifPresent(s -> warnUnknown(s, CIRCUS_KEYS, warnings));
        List<WatcherSpec> watchers = new ArrayList<>();
        List<SocketSpec> sockets = new ArrayList<>();
        for (String name : ini.sectionNames()) {
            IniSection section = ini.section(name).orElseThrow();
            if (name.startsWith("watcher:")) {
                watchers.add(WatcherSectionReader.read(section, warnings));
            } else if (name.startsWith("socket:")) {
                sockets.add(socket(section, warnings));
            } else if (!name.equals("circus") && !name.equals("env") && !name.startsWith("env:")) {
                warnings.add(section.source() + ": section [" + name + "] is not something circusmeta-node runs"
                        + (name.startsWith("plugin:") ? " (circus plugins are Python classes)" : "") + "; ignored");
            }
        }
        return new NodeConfig(circus, LogsSettings.from(ini.section("circus")), applyEnvSections(ini, watchers), sockets,
                warnings, file);
    }

    private static List<WatcherSpec> applyEnvSections(CircusIni ini, List<WatcherSpec> watchers) {
        List<WatcherSpec> out = new ArrayList<>(watchers);
        for (String name : ini.sectionNames()) {
            if (!name.equals("env") && !name.startsWith("env:")) {
                continue;
            }
            IniSection section = ini.section(name).orElseThrow();
            List<String> patterns = new ArrayList<>();
            if (name.equals("env")) {
                patterns.add("*");
            } else {
                for (String p : section.nameAfter("env:").split(",")) {
                    patterns.add(p.strip());
                }
            }
            for (int i = 0; i < out.size(); i++) {
                WatcherSpec w = out.get(i);
                if (patterns.stream().anyMatch(p -> Fnmatch.matches(p, w.name()))) {
                    ObjectNode env = (ObjectNode) w.option("env").orElse(CircusJson.object());
                    env.put("__name__", name);
                    section.optionsAsWritten().forEach(env::put);
                    out.set(i, w.with("env", env));
                }
            }
        }
        return out;
    }

    private static SocketSpec socket(IniSection s, List<String> warnings) {
        warnUnknown(s, SOCKET_KEYS, warnings);
        String type = s.get("type", "SOCK_STREAM");
        if (!type.equals("SOCK_STREAM")) {
            throw new IniException(s.where("type") + ": [" + s.name() + "] type = " + type
                    + ": circusmeta-node binds SOCK_STREAM sockets only");
        }
        int port = s.integer("port", 8080);
        if (port < 0 || port > 65535) {
            throw s.bad("port", String.valueOf(port), "a port number (0-65535; 0 binds any free port)");
        }
        return new SocketSpec(s.nameAfter("socket:"), s.get("host", "localhost"), port,
                s.get("path").filter(p -> !p.isBlank()), s.integer("backlog", 2048));
    }

    static void warnUnknown(IniSection s, Set<String> known, List<String> warnings) {
        for (String key : s.options().keySet()) {
            if (!known.contains(key)) {
                warnings.add(s.where(key) + ": unknown option '" + key + "' in [" + s.name() + "]; ignored");
            }
        }
    }
}
