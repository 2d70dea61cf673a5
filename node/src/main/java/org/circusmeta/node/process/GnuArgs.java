package org.circusmeta.node.process;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * circus's variable expansion in option values: {@code $(circus.NAME)} or {@code ((circus.NAME))}, the
 * name matched without regard to case ({@code $(circus.env.HOME)}, {@code $(circus.wid)}). A name
 * that has no value is left as written.
 *
 * <p>Thread-safe (stateless).
 */
public final class GnuArgs {
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\(circus\\.([\\w.\\-]+)\\)|\\(\\(circus\\.([\\w.\\-]+)\\)\\)", Pattern.CASE_INSENSITIVE);

    private GnuArgs() {}

    /**
     * @param values keyed by lower-cased name without the {@code circus.} prefix: {@code wid},
     *     {@code env.home}
     */
    public static String replace(String text, Map<String, String> values) {
        if (text.indexOf("circus.") < 0 && text.toLowerCase(Locale.ROOT).indexOf("circus.") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            String value = values.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The {@code env.NAME} entries for an environment, names lower-cased. */
    public static void putEnvironment(Map<String, String> values, Map<String, String> env) {
        env.forEach((k, v) -> values.put("env." + k.toLowerCase(Locale.ROOT), v));
    }
}
