package org.circusmeta.protocol;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Writes a JSON tree byte for byte as CPython's {@code json.dumps(obj)} does with its defaults
 * ({@code ensure_ascii=True}, {@code separators=(", ", ": ")}, {@code allow_nan=True}), which is how
 * circusd and circusctl encode every message:
 * <ul>
 *   <li>strings: {@code \"}, {@code \\}, {@code \b \f \n \r \t} as short escapes; every other
 *       character outside {@code ' '..'~'} as {@code \}{@code uXXXX} with lower-case hex, characters
 *       beyond the BMP as their two surrogates;
 *   <li>floats: {@code repr(float)}, the shortest digits that read back as the same double, in
 *       positional form when the decimal exponent is from -4 to 15 ({@code 0.0001},
 *       {@code 1795657655.4095259}, {@code 5.0}), otherwise {@code 1e-05}, {@code 1.5e+16};
 *       {@code NaN}, {@code Infinity}, {@code -Infinity} as Python writes them.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class PythonJsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJsonWriter() {}

    static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> writeArray(node, out);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case BINARY, POJO -> writeOther(node, out);
            default -> out.append("null");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            writeString(field.getKey(), out);
            out.append(": ");
            write(field.getValue(), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(node.get(i), out);
        }
        out.append(']');
    }

    private static void writeNumber(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber()) {
            out.append(node.isBigInteger() ? node.bigIntegerValue().toString() : Long.toString(node.longValue()));
        } else if (node.isFloat()) {
            // A Java float holds fewer digits: write the decimal it was written as, not its binary tail.
            out.append(pythonFloat(Double.parseDouble(Float.toString(node.floatValue()))));
        } else {
            out.append(pythonFloat(node.doubleValue()));
        }
    }

    private static void writeOther(JsonNode node, StringBuilder out) {
        JsonNode plain = CircusJson.mapper().valueToTree(node);
        if (plain.isPojo() || plain.isBinary()) {
            writeString(plain.asText(), out);
        } else {
            write(plain, out);
        }
    }

    static void writeString(String text, StringBuilder out) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, plainFrom, text.length()).append('"');
    }

    /** Python's {@code repr(float)}. */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        // Shortest round-trip digits (Schubfach; Java 17's Double.toString is not always shortest).
        String java = NumberOutput.toString(Math.abs(value), true);
        StringBuilder digits = new StringBuilder(20);
        int pointAt = -1;
        int exponent = 0;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '.') {
                pointAt = digits.length();
            } else if (c == 'E') {
                exponent = Integer.parseInt(java.substring(i + 1));
                break;
            } else {
                digits.append(c);
            }
        }
        int decimalPoint = (pointAt < 0 ? digits.length() : pointAt) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.length() - 1 && digits.charAt(leadingZeros) == '0') {
            leadingZeros++;
        }
        digits.delete(0, leadingZeros);
        decimalPoint -= leadingZeros;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        if (digits.length() == 2) {
            // Java writes at least two digits, picking the closest two-digit decimal (4.9E-324);
            // Python writes one when one reads back as the same double (5e-324).
            int rounded = (digits.charAt(0) - '0') + (digits.charAt(1) >= '5' ? 1 : 0);
            int point = rounded == 10 ? decimalPoint + 1 : decimalPoint;
            int digit = rounded == 10 ? 1 : rounded;
            if (Double.parseDouble(digit + "E" + (point - 1)) == Math.abs(value)) {
                digits.setLength(0);
                digits.append((char) ('0' + digit));
                decimalPoint = point;
            }
        }
        String repr = format(digits, decimalPoint);
        return value < 0 ? "-" + repr : repr;
    }

    /** Formats digits {@code d1d2…dn} meaning {@code 0.d1d2…dn × 10^decimalPoint} as CPython's repr. */
    private static String format(StringBuilder digits, int decimalPoint) {
        int n = digits.length();
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                return "0." + "0".repeat(-decimalPoint) + digits;
            }
            if (decimalPoint >= n) {
                return digits + "0".repeat(decimalPoint - n) + ".0";
            }
            return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
        }
        int exp = decimalPoint - 1;
        String mantissa = n == 1 ? digits.toString() : digits.charAt(0) + "." + digits.substring(1);
        String sign = exp < 0 ? "-" : "+";
        int absExp = Math.abs(exp);
        return mantissa + "e" + sign + (absExp < 10 ? "0" : "") + absExp;
    }
}
