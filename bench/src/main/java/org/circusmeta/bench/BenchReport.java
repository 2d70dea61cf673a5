package org.circusmeta.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The rows of one suite: figure, value, the limit or peer measured in the same run, their ratio, and
 * how it was measured. Prints them as a table and writes them to the suite's section of a markdown
 * file, leaving the other suites' sections alone.
 *
 * <p>Not thread-safe: a suite adds its rows from one thread.
 */
public final class BenchReport {
    /** One figure. {@code limit} and {@code ratio} are "" when the figure has no peer (a goal instead). */
    public record Row(String figure, String value, String limit, String ratio, String how) {}

    private final String suite;
    private final String machine;
    private final List<Row> rows = new ArrayList<>();

    public BenchReport(String suite, String machine) {
        this.suite = suite;
        this.machine = machine;
    }

    public void row(String figure, String value, String limit, String ratio, String how) {
        Row row = new Row(figure, value, limit, ratio, how);
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-52s %14s   %-28s %8s%n", figure, value, limit, ratio);
    }

    /** A figure against a measured limit: the ratio is value / limit. */
    public void compare(String figure, double value, double limit, String unit, String limitName, String how) {
        row(figure, format(value, unit), format(limit, unit) + " (" + limitName + ")",
                limit == 0 ? "" : ratio(value, limit), how);
    }

    /** A percentile of a histogram of nanoseconds, in milliseconds. */
    public static double millis(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1e6;
    }

    /** value / limit, two decimals, for a row's ratio column. */
    public static String ratio(double value, double limit) {
        return String.format(Locale.ROOT, "%.2f", value / limit);
    }

    /** The machine's 1-minute load average, which every suite records beside its figures. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static String format(double value, String unit) {
        String number = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.3f", value);
        return number + (unit.isEmpty() ? "" : " " + unit);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Replaces this suite's section (from its heading to the next one) in the markdown file. */
    public void writeTo(Path file) throws IOException {
        String heading = "## " + suite;
        StringBuilder section = new StringBuilder(heading).append("\n\n")
                .append("Machine: ").append(machine).append("\n\n")
                .append("| figure | value | limit or peer (same run) | ratio | how it was measured |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            section.append("| ").append(r.figure()).append(" | ").append(r.value()).append(" | ").append(r.limit())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.how()).append(" |\n");
        }
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                : "# Benchmarks\n\nWritten by `scripts/bench`; each section is replaced when its suite runs again.\n\n";
        int start = existing.indexOf(heading + "\n");
        String updated;
        if (start < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int next = existing.indexOf("\n## ", start + heading.length());
            updated = existing.substring(0, start) + section + (next < 0 ? "" : existing.substring(next + 1));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated.stripTrailing() + "\n", StandardCharsets.UTF_8);
    }
}
