package org.circusmeta.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Structural comparison of JSON replies: same keys, same JSON types (an integer is not a float), all
 * the way down; values are free, since pids, times and figures differ between runs. Two rules make
 * recorded replies comparable with live ones:
 * <ul>
 *   <li>an object whose keys are all decimal numbers (a map keyed by pid) is compared entry by entry
 *       against the first recorded entry, whatever its keys;
 *   <li>an array is compared element by element against the first recorded element (lengths differ
 *       with the number of processes).
 * </ul>
 */
public final class JsonShape {
    private JsonShape() {}

    /** The differences, each naming its JSON path; empty when the shapes agree. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    /** Throws an AssertionError listing every difference. */
    public static void assertSameShape(JsonNode expected, JsonNode actual) {
        List<String> diffs = differences(expected, actual);
        if (!diffs.isEmpty()) {
            throw new AssertionError("reply shape differs from the recording:\n  " + String.join("\n  ", diffs)
                    + "\nrecorded: " + expected + "\nactual:   " + actual);
        }
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        String et = type(expected);
        String at = type(actual);
        if (!et.equals(at)) {
            out.add(path + ": expected " + et + " but got " + at + " (" + abbreviate(actual) + ")");
            return;
        }
        if (expected.isObject()) {
            if (isPidMap(expected) && isPidMap(actual)) {
                JsonNode first = expected.elements().next();
                for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    compare(path + "." + key, first, actual.get(key), out);
                }
                return;
            }
            Set<String> ek = keys(expected);
            Set<String> ak = keys(actual);
            if (!ek.equals(ak)) {
                Set<String> missing = new TreeSet<>(ek);
                missing.removeAll(ak);
                Set<String> extra = new TreeSet<>(ak);
                extra.removeAll(ek);
                out.add(path + ": keys differ; missing " + missing + ", unexpected " + extra);
            }
            for (String key : ek) {
                if (ak.contains(key)) {
                    compare(path + "." + key, expected.get(key), actual.get(key), out);
                }
            }
        } else if (expected.isArray() && expected.size() > 0) {
            for (int i = 0; i < actual.size(); i++) {
                compare(path + "[" + i + "]", expected.get(0), actual.get(i), out);
            }
        }
    }

    private static boolean isPidMap(JsonNode node) {
        if (node.size() == 0) {
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (!it.next().matches("\\d+")) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The JSON type, with integers and floats told apart as Python tells them apart. */
    public static String type(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "float";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
