package org.circusmeta.registration.ini;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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
 * comments are part of the value, as in Python); a line indented deeper than its option's line
 * continues the value (blank lines inside it kept); no {@code %(…)s} interpolation; a duplicate
 * section or option is an error; {@code [DEFAULT]} options are fallbacks for every section.
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
        } catch (CharacterCodingException e) {
            throw new IniException(file + " is not UTF-8 text; save the circus.ini as UTF-8", e);
        } catch (IOException e) {
            throw new IniException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads circus.ini text; {@code source} names it in error messages.
     *
     * @throws IniException naming the source and line, for a line that is neither a header, an
     *     option, a continuation nor a comment, and for a duplicate section or option
     */
    public static CircusIni parse(String text, String source) {
        Reader reader = new Reader(source);
        String[] rows = text.split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            reader.line(rows[i], i + 1);
        }
        return reader.build();
    }

    /** Python's {@code RawConfigParser._read}, one line at a time. */
    private static final class Reader {
        private final String source;
        private final Map<String, Map<String, String>> options = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> lines = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> written = new LinkedHashMap<>();
        private String section;
        private String lastKey;
        private int lastIndent;
        private int blankLines;

        Reader(String source) {
            this.source = source;
        }

        void line(String row, int lineNo) {
            String stripped = row.strip();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                return;
            }
            if (stripped.isEmpty()) {
                blankLines++;
                return;
            }
            int indent = row.length() - row.stripLeading().length();
            if (section != null && lastKey != null && indent > lastIndent) {
                continueValue(stripped);
                return;
            }
            blankLines = 0;
            lastIndent = indent;
            int close = stripped.lastIndexOf(']');
            if (stripped.startsWith("[") && close > 1) {
                header(stripped.substring(1, close), lineNo);
            } else {
                option(stripped, lineNo);
            }
        }

        private void continueValue(String stripped) {
            Map<String, String> current = options.get(section);
            String before = current.get(lastKey);
            String gap = "\n".repeat(blankLines + 1);
            current.put(lastKey, before.isEmpty() ? stripped : before + gap + stripped);
            blankLines = 0;
        }

        private void header(String name, int lineNo) {
            if (options.containsKey(name)) {
                throw new IniException(source + ":" + lineNo + ": section [" + name + "] appears twice; merge the two");
            }
            section = name;
            options.put(name, new LinkedHashMap<>());
            lines.put(name, new LinkedHashMap<>());
            written.put(name, new LinkedHashMap<>());
            lastKey = null;
        }

        private void option(String stripped, int lineNo) {
            if (section == null) {
                throw new IniException(source + ":" + lineNo + ": '" + stripped + "' comes before any [section] header");
            }
            int eq = stripped.indexOf('=');
            int colon = stripped.indexOf(':');
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep < 0) {
                throw new IniException(source + ":" + lineNo + ": '" + stripped + "' in [" + section
                        + "] is not 'key = value'");
            }
            String key = stripped.substring(0, sep).strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw new IniException(source + ":" + lineNo + ": a value without a key in [" + section + "]");
            }
            if (options.get(section).containsKey(key)) {
                throw new IniException(source + ":" + lineNo + ": option '" + key + "' appears twice in [" + section
                        + "]; keep one");
            }
            options.get(section).put(key, stripped.substring(sep + 1).strip());
            lines.get(section).put(key, lineNo);
            written.get(section).put(key, stripped.substring(0, sep).strip());
            lastKey = key;
        }

        CircusIni build() {
            Map<String, String> defaults = options.getOrDefault(DEFAULT_SECTION, Map.of());
            Map<String, IniSection> built = new LinkedHashMap<>();
            options.forEach((name, opts) -> {
                if (!name.equals(DEFAULT_SECTION)) {
                    built.put(name, new IniSection(source, name, opts, lines.get(name), written.get(name), defaults));
                }
            });
            return new CircusIni(source, built);
        }
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
        return CircusSettings.from(
                section("circus").orElse(new IniSection(source, "circus", Map.of(), Map.of(), Map.of(), Map.of())));
    }
}
