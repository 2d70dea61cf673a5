package org.circusmeta.protocol;

import java.util.Locale;

/**
 * Python 3's {@code repr()} of {@code bytes} and {@code str}, which circusd puts into some error
 * reasons: {@code command b'{"command": ...}': ...} (errno 5) and {@code unknown command: 'frobnicate'}
 * (errno 2). Single quotes unless the value holds a single quote and no double quote.
 *
 * <p>Stateless and thread-safe.
 */
final class PythonRepr {
    private PythonRepr() {}

    /** {@code repr(b'...')}: printable ASCII as is, {@code \t \n \r}, every other byte as {@code \xNN}. */
    static String bytes(byte[] value) {
        char quote = quoteFor(value.length, i -> value[i] & 0xff);
        StringBuilder out = new StringBuilder(value.length + 3).append('b').append(quote);
        for (byte b : value) {
            int c = b & 0xff;
            if (!escapeCommon(c, quote, out)) {
                if (c < 0x20 || c >= 0x7f) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", c));
                } else {
                    out.append((char) c);
                }
            }
        }
        return out.append(quote).toString();
    }

    /**
     * {@code repr('...')}: printable characters as is, others as a backslash and {@code xNN},
     * {@code uNNNN} or {@code UNNNNNNNN}.
     */
    static String str(String value) {
        int[] points = value.codePoints().toArray();
        char quote = quoteFor(points.length, i -> points[i]);
        StringBuilder out = new StringBuilder(value.length() + 2).append(quote);
        for (int c : points) {
            if (escapeCommon(c, quote, out)) {
                continue;
            }
            if (c >= 0x20 && c < 0x7f || c > 0x7f && isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.append(String.format(Locale.ROOT, "\\U%08x", c));
            }
        }
        return out.append(quote).toString();
    }

    private static boolean escapeCommon(int c, char quote, StringBuilder out) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            default -> {
                if (c != quote) {
                    return false;
                }
                out.append('\\').append(quote);
            }
        }
        return true;
    }

    private static char quoteFor(int length, java.util.function.IntUnaryOperator at) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < length; i++) {
            int c = at.applyAsInt(i);
            single |= c == '\'';
            dbl |= c == '"';
        }
        return single && !dbl ? '"' : '\'';
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point. */
    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
