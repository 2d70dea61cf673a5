package org.circusmeta.registration.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.circusmeta.protocol.logs.CapturedLine;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.circusmeta.protocol.logs.Unreadable;
import org.circusmeta.registration.ini.CircusIni;
import org.circusmeta.registration.ini.IniException;
import org.circusmeta.registration.ini.IniSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the agent follows, one {@link FileTail} per output of each watcher that writes a file,
 * kept in line with the latest scan of circusd's watchers, and the lines read from them handed to the
 * logs endpoint (with no pid: a line in a file does not say which process wrote it).
 *
 * <p>Confined to the agent's tail thread.
 */
final class FileTails implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileTails.class);

    private final LogsEndpoint logs;
    private final long primeBytes;
    private final Optional<Path> circusIni;
    private final Map<String, Map<LogStream, FileTail>> tails = new HashMap<>();
    private final Map<String, WatcherOutput> outputs = new HashMap<>();
    private final Set<Path> failing = new HashSet<>();

    FileTails(LogsEndpoint logs, long primeBytes, Optional<Path> circusIni) {
        this.logs = logs;
        this.primeBytes = primeBytes;
        this.circusIni = circusIni;
    }

    /** Brings the tails in line with circusd's watchers: their {@code options}, by name. */
    void apply(Map<String, JsonNode> options) {
        Optional<CircusIni> ini = readIni();
        for (Map.Entry<String, JsonNode> e : options.entrySet()) {
            String name = e.getKey();
            WatcherOutput output = WatcherOutput.of(name, e.getValue(), ini.flatMap(i -> section(i, name)));
            if (!output.equals(outputs.get(name))) {
                follow(output);
            }
        }
        for (String gone : List.copyOf(tails.keySet())) {
            if (!options.containsKey(gone)) {
                stop(gone);
                outputs.remove(gone);
                logs.forget(gone);
            }
        }
        outputs.keySet().retainAll(options.keySet());
    }

    /** Reads every file followed; the new lines go to the endpoint. */
    void poll() {
        double now = System.currentTimeMillis() / 1000.0;
        tails.forEach((watcher, byStream) -> byStream.forEach((stream, tail) -> {
            try {
                List<String> texts = tail.poll();
                if (failing.remove(tail.path())) {
                    LOG.info("watcher {}: reading {} works again", watcher, tail.path());
                    logs.declare(watcher, outputs.get(watcher).unreadable());
                }
                if (!texts.isEmpty()) {
                    List<CapturedLine> lines = new ArrayList<>(texts.size());
                    texts.forEach(t -> lines.add(new CapturedLine(OptionalLong.empty(), stream, now, t)));
                    logs.append(watcher, lines);
                }
            } catch (IOException e) {
                cannotRead(watcher, stream, tail.path(), e);
            }
        }));
    }

    private void follow(WatcherOutput output) {
        String name = output.watcher();
        stop(name);
        outputs.put(name, output);
        logs.declare(name, output.unreadable());
        Map<LogStream, FileTail> byStream = new EnumMap<>(LogStream.class);
        Path stdout = output.files().get(LogStream.STDOUT);
        output.files().forEach((stream, file) -> {
            // Both outputs in one file: followed once, its lines told as stdout.
            if (stream == LogStream.STDOUT || !file.equals(stdout)) {
                byStream.put(stream, new FileTail(file, primeBytes));
            }
        });
        tails.put(name, byStream);
        List<String> said = new ArrayList<>();
        output.files().forEach((stream, file) -> said.add(stream.wireName() + " in " + file));
        output.unreadable().forEach(u -> said.add(u.stream().wireName() + ": " + u.reason()));
        LOG.info("watcher {}: {}", name, String.join("; ", said));
    }

    private void stop(String watcher) {
        Map<LogStream, FileTail> old = tails.remove(watcher);
        if (old != null) {
            old.values().forEach(FileTail::close);
        }
    }

    private void cannotRead(String watcher, LogStream stream, Path file, IOException e) {
        if (failing.add(file)) {
            LOG.warn("watcher {}: cannot read {} ({}); run the agent as a user who may read it", watcher, file, e.toString());
            List<Unreadable> unreadable = new ArrayList<>(outputs.get(watcher).unreadable());
            unreadable.add(new Unreadable(stream, "this agent cannot read " + file + " (" + e.getMessage() + ")",
                    List.of("run circusmeta-register as a user who may read " + file)));
            logs.declare(watcher, unreadable);
        }
    }

    private Optional<CircusIni> readIni() {
        try {
            return circusIni.map(CircusIni::read);
        } catch (IniException e) {
            LOG.debug("could not read {} for the stream classes: {}", circusIni.orElseThrow(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<IniSection> section(CircusIni ini, String watcher) {
        return ini.sectionsStartingWith("watcher:").stream()
                .filter(s -> s.nameAfter("watcher:").equalsIgnoreCase(watcher)).findFirst();
    }

    @Override
    public void close() {
        tails.values().forEach(m -> m.values().forEach(FileTail::close));
        tails.clear();
    }
}
