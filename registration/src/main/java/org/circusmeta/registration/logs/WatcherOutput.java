package org.circusmeta.registration.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.Unreadable;
import org.circusmeta.registration.ini.IniSection;

/**
 * Where a circusd watcher's output can be read, worked out from what circusd says of it: its
 * {@code options} give {@code stdout_stream_conf} and {@code stderr_stream_conf}, which hold the
 * {@code filename} of every stream of the {@code FileStream} family ({@code FileStream},
 * {@code WatchedFileStream}, {@code TimedRotatingFileStream}) but not the class (circusd pops it out
 * when it builds the stream); the circus.ini, when the agent has it, tells the class of the others.
 * An output with no file is {@link Unreadable}, with the reason and the two ini lines that fix it.
 *
 * <p>Immutable.
 *
 * @param watcher the watcher's name
 * @param files the file each readable output is written to
 * @param unreadable the outputs that are not, and why
 */
record WatcherOutput(String watcher, Map<LogStream, Path> files, List<Unreadable> unreadable) {
    WatcherOutput {
        files = Map.copyOf(files);
        unreadable = List.copyOf(unreadable);
    }

    /**
     * @param options the {@code options} of the watcher, as circusd answered them
     * @param section its {@code [watcher:NAME]} section, when the agent read a circus.ini that has it
     */
    static WatcherOutput of(String watcher, JsonNode options, Optional<IniSection> section) {
        Map<LogStream, Path> files = new EnumMap<>(LogStream.class);
        List<Unreadable> unreadable = new ArrayList<>();
        for (LogStream stream : LogStream.values()) {
            String key = stream.wireName() + "_stream";
            JsonNode filename = options.path(key + "_conf").path("filename");
            if (filename.isTextual() && !filename.textValue().isBlank()) {
                files.put(stream, Path.of(filename.textValue()).toAbsolutePath().normalize());
            } else {
                unreadable.add(new Unreadable(stream, reason(key, section), fix(watcher, stream)));
            }
        }
        return new WatcherOutput(watcher, files, unreadable);
    }

    private static String reason(String key, Optional<IniSection> section) {
        if (section.isEmpty()) {
            return "circusd names no file for its " + key.substring(0, 6) + " (no " + key + ".filename): it discards"
                    + " it, or sends it to its own output, which this agent cannot read";
        }
        Optional<String> cls = section.get().get(key + ".class");
        if (cls.isEmpty()) {
            return "circusd discards its " + key.substring(0, 6) + ": [" + section.get().name() + "] has no " + key
                    + ".class";
        }
        String simple = cls.get().substring(cls.get().lastIndexOf('.') + 1);
        if (simple.endsWith("StdoutStream")) {
            return "its " + key.substring(0, 6) + " goes to circusd's own standard output (" + key + ".class = "
                    + cls.get() + "), which this agent cannot read";
        }
        return "its " + key.substring(0, 6) + " goes to " + key + ".class = " + cls.get() + ", which writes no file"
                + " this agent can read";
    }

    private static List<String> fix(String watcher, LogStream stream) {
        String key = stream.wireName() + "_stream";
        return List.of(key + ".class = FileStream",
                key + ".filename = /var/log/circus/" + watcher + "." + stream.wireName() + ".log");
    }
}
