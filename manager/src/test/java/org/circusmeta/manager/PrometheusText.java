package org.circusmeta.manager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line a
 * {@code # HELP}, a {@code # TYPE} (at most one per family, before its samples) or a sample
 * {@code name{label="value",...} value}, each sample of a family typed before it. Not thread-safe.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> SUFFIXES = Set.of("_count", "_sum", "_bucket", "_total", "_created");

    /** One sample: its name, labels in order, and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {}

    /** @throws IllegalArgumentException naming the first line that is not of the format */
    static List<Sample> parse(String text) {
        PrometheusText reader = new PrometheusText();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!reader.read(lines[i])) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not of the Prometheus text format: " + lines[i]);
            }
        }
        return List.copyOf(reader.samples);
    }

    private boolean read(String line) {
        if (line.isEmpty() || HELP.matcher(line).matches()) {
            return true;
        }
        Matcher type = TYPE.matcher(line);
        if (type.matches()) {
            return types.putIfAbsent(type.group(1), type.group(2)) == null;
        }
        if (line.startsWith("#")) {
            return false;
        }
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches() || family(sample.group(1)).isEmpty()) {
            return false;
        }
        Optional<Map<String, String>> labels = labels(Optional.ofNullable(sample.group(2)).orElse(""));
        Optional<Double> value = value(sample.group(3));
        labels.ifPresent(l -> value.ifPresent(v -> samples.add(new Sample(sample.group(1), l, v))));
        return labels.isPresent() && value.isPresent();
    }

    private Optional<String> family(String name) {
        if (types.containsKey(name)) {
            return Optional.of(name);
        }
        return SUFFIXES.stream().filter(name::endsWith).map(s -> name.substring(0, name.length() - s.length()))
                .filter(types::containsKey).findFirst();
    }

    private static Optional<Map<String, String>> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!label.find(at) || label.start() != at || labels.put(label.group(1), label.group(2)) != null) {
                return Optional.empty();
            }
            at = label.end();
        }
        return Optional.of(labels);
    }

    private static Optional<Double> value(String text) {
        switch (text) {
            case "NaN": return Optional.of(Double.NaN);
            case "+Inf": return Optional.of(Double.POSITIVE_INFINITY);
            case "-Inf": return Optional.of(Double.NEGATIVE_INFINITY);
            default:
                try {
                    return Optional.of(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
        }
    }
}
