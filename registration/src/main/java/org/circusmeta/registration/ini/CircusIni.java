package org.circusmeta.registration.ini;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A circus.ini read as circusd 0.19 reads it (Python's RawConfigParser, strict): {@code [section]}
 * headers keep their case; {@code key = value} or {@code key: value}, split at the first {@code =} or
 * {@code :}; option names lower-cased; lines starting with {@code #} or {@code ;} are comments (inline
 * comments are part of the value, as in Python); an indented line continues the previous value; no
 * {@code %(…)s} interpolation; a duplicate section or option is an error; {@code [DEFAULT]} options
 * are fallbacks for every section.
 *
 * <p>Immutable.
 */
public final class CircusIni {
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final String source;
    private final Map<String, IniSection> sections;

    private CircusIni(String source, Map<String, IniSection> sections) {
        this.source = source;
        this.sections = sections;
    }

    /**
     * @throws IniException when the file is missing, unreadable or malformed, naming it
     */
    public static CircusIni read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new IniException("circus.ini not found: " + file + " (give the path of the circusd configuration file)");
        } catch (IOException e) {
            throw new IniException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    public static CircusIni parse(String text, String source) {
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> lines = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        int lastIndent = 0;
        String[] rows = text.split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i];
            int lineNo = i + 1;
            String stripped = row.strip();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            int indent = row.length() - row.stripLeading().length();
            if (stripped.isEmpty()) {
                continue;
            }
            if (section != null && lastKey != null && indent > lastIndent) {
                Map<String, String> current = options.get(section);
                String before = current.get(lastKey);
                current.put(lastKey, before.isEmpty() ? stripped : before + "\n" + stripped);
                continue;
            }
            if (stripped.startsWith("[") && stripped.endsWith("]") && indent == 0) {
                section = stripped.substring(1, stripped.length() - 1);
                if (options.containsKey(section)) {
                    throw new IniException(source + ":" + lineNo + ": section [" + section + "] appears twice; merge the two");
                }
                options.put(section, new LinkedHashMap<>());
                lines.put(section, new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (section == null) {
                throw new IniException(source + ":" + lineNo + ": '" + stripped + "' comes before any [section] header");
            }
            int eq = row.indexOf('=');
            int colon = row.indexOf(':');
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep < 0) {
                throw new IniException(source + ":" + lineNo + ": '" + stripped + "' is not 'key = value'");
            }
            String key = row.substring(0, sep).strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw new IniException(source + ":" + lineNo + ": a value without a key in [" + section + "]");
            }
            String value = row.substring(sep + 1).strip();
            if (options.get(section).containsKey(key)) {
                throw new IniException(source + ":" + lineNo + ": option '" + key + "' appears twice in [" + section + "]");
            }
            options.get(section).put(key, value);
            lines.get(section).put(key, lineNo);
            lastKey = key;
            lastIndent = indent;
        }
        Map<String, String> defaults = options.getOrDefault(DEFAULT_SECTION, Map.of());
        Map<String, IniSection> built = new LinkedHashMap<>();
        options.forEach((name, opts) -> {
            if (!name.equals(DEFAULT_SECTION)) {
                built.put(name, new IniSection(source, name, opts, lines.get(name), defaults));
            }
        });
        return new CircusIni(source, built);
    }

    public String source() {
        return source;
    }

    /** Section names in file order, {@code DEFAULT} left out. */
    public List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    public Optional<IniSection> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** Every section whose name starts with the prefix ({@code watcher:}, {@code env:}, {@code socket:}), in file order. */
    public List<IniSection> sectionsStartingWith(String prefix) {
        List<IniSection> out = new ArrayList<>();
        sections.forEach((name, s) -> {
            if (name.startsWith(prefix)) {
                out.add(s);
            }
        });
        return out;
    }

    /** The {@code [circus]} section with circusd's defaults (an absent section means all defaults). */
    public CircusSettings circus() {
        return CircusSettings.from(section("circus").orElse(new IniSection(source, "circus", Map.of(), Map.of(), Map.of())));
    }
}
