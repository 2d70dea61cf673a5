package org.circusmeta.registration.ini;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One {@code [section]} of a circus.ini: its options in file order (names lower-cased), with the
 * {@code [DEFAULT]} section's options as fallbacks, as Python's parser gives them. Typed getters
 * parse as circus does and throw {@link IniException} naming the file, section and key.
 *
 * <p>Immutable.
 */
public final class IniSection {
    private static final Pattern PYTHON_FLOAT =
            Pattern.compile("[+-]?(\\d[\\d_]*(\\.[\\d_]*)?|\\.\\d[\\d_]*)([eE][+-]?\\d+)?");
    private final String source;
    private final String name;
    private final Map<String, String> options;
    private final Map<String, Integer> lines;
    private final Map<String, String> defaults;
    private final Map<String, String> written;

    IniSection(String source, String name, Map<String, String> options, Map<String, Integer> lines,
            Map<String, String> written, Map<String, String> defaults) {
        this.source = source;
        this.name = name;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.lines = Map.copyOf(lines);
        this.written = Map.copyOf(written);
        this.defaults = Map.copyOf(defaults);
    }

    public String name() {
        return name;
    }

    /** For {@code [watcher:web]} and prefix {@code watcher:}, {@code web}: everything after the first prefix. */
    public String nameAfter(String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** The section's own options (not the defaults), names lower-cased, in file order. */
    public Map<String, String> options() {
        return options;
    }

    /**
     * The section's own options with their names as written in the file, in file order. circusd keeps
     * the case of names in {@code [env]} sections, and environment variable names are case-sensitive.
     */
    public Map<String, String> optionsAsWritten() {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((key, value) -> out.put(written.getOrDefault(key, key), value));
        return Collections.unmodifiableMap(out);
    }

    /** Whether the section or {@code [DEFAULT]} sets the key (any case). */
    public boolean has(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return options.containsKey(k) || defaults.containsKey(k);
    }

    public Optional<String> get(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String v = options.get(k);
        return Optional.ofNullable(v != null ? v : defaults.get(k));
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** circus's to_bool: true/yes/on/y/1 and false/no/off/n/0, any case. */
    public Optional<Boolean> bool(String key) {
        return get(key).map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            case "false", "no", "off", "n", "0", "" -> false;
            default -> throw bad(key, v, "a boolean (true/false, yes/no, on/off, 1/0)");
        });
    }

    public boolean bool(String key, boolean fallback) {
        return bool(key).orElse(fallback);
    }

    /** An integer; circus reads {@code warmup_delay}, {@code numprocesses} and the like with int(). */
    public OptionalInt integer(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.get().strip()));
        } catch (NumberFormatException e) {
            throw bad(key, v.get(), "a whole number");
        }
    }

    public int integer(String key, int fallback) {
        return integer(key).orElse(fallback);
    }

    /** A number as Python's float() reads it ({@code 5}, {@code 2.5}, {@code 1e3}); NaN and infinities are refused. */
    public OptionalDouble number(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        String text = v.get().strip();
        try {
            if (!PYTHON_FLOAT.matcher(text).matches()) {
                throw new NumberFormatException(text);
            }
            return OptionalDouble.of(Double.parseDouble(text.replace("_", "")));
        } catch (NumberFormatException e) {
            throw bad(key, v.get(), "a number");
        }
    }

    public double number(String key, double fallback) {
        return number(key).orElse(fallback);
    }

    /** An error about one key of this section, naming the file, section, key and line. */
    public IniException bad(String key, String value, String expected) {
        Integer line = lines.get(key.toLowerCase(Locale.ROOT));
        return new IniException(source + (line != null ? ":" + line : "") + ": [" + name + "] " + key + " = '" + value
                + "' is not " + expected);
    }

    /** Where a key was written, for messages: {@code file:line}. */
    public String where(String key) {
        Integer line = lines.get(key.toLowerCase(Locale.ROOT));
        return source + (line != null ? ":" + line : "");
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "[" + name + "] " + options;
    }
}
