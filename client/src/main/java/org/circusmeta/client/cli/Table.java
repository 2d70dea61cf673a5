package org.circusmeta.client.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A table printed with aligned columns: text columns to the left, numeric ones to the right, two
 * spaces between them, no trailing blanks.
 *
 * <p>Not thread-safe: fill it, then print it, on one thread.
 */
final class Table {
    private final List<String> headers;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** A header ending with {@code >} marks a right-aligned (numeric) column; the mark is not printed. */
    Table(String... headers) {
        this.headers = new ArrayList<>();
        this.numeric = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].endsWith(">");
            this.headers.add(numeric[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
        }
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size());
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + cell : cell + pad);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /**
     * A figure with one decimal, rounded half up as {@code %.1f} does. Not {@code String.format}: its
     * locale's number symbols take more of the CLI's start-up than the rest of a table.
     */
    static String decimal(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A count, or {@code -} when it is not known (null or negative). */
    static String count(Integer value) {
        return value != null && value >= 0 ? String.valueOf(value) : "-";
    }
}
