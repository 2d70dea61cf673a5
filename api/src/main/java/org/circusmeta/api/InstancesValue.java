package org.circusmeta.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The value of {@code instances}: how many copies of a cluster watcher run, each on a node of its own,
 * as a positive whole number, or {@code "all"} for one on every node that fits. A tree in the records
 * ({@code 3} or {@code "all"}); this class builds and checks it.
 */
public final class InstancesValue {
    public static final String ALL = "all";
    public static final String MESSAGE = "must be a whole number of at least 1, or \"all\"";

    private InstancesValue() {}

    public static JsonNode of(int count) {
        return IntNode.valueOf(count);
    }

    public static JsonNode all() {
        return TextNode.valueOf(ALL);
    }

    /** {@code "all"} or a count, as given on a command line; the text itself when it is neither (for the check). */
    public static JsonNode parse(String text) {
        String trimmed = text.strip();
        if (trimmed.matches("[0-9]{1,9}")) {
            return of(Integer.parseInt(trimmed));
        }
        return TextNode.valueOf(trimmed);
    }

    /** A count of at least 1 or {@code "all"}; absent (null) is valid too, and means 1. */
    public static boolean isValid(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        return value.isTextual() ? value.textValue().equals(ALL)
                : value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1;
    }
}
