package org.circusmeta.node.config;

import java.util.regex.Pattern;

/**
 * Shell-style patterns as Python's {@code fnmatch} reads them: {@code *}, {@code ?}, {@code [seq]},
 * {@code [!seq]}; everything else literal. circusd uses them in {@code [env:NAME1,NAME2]} section names
 * and in the default {@code glob} match of start, stop and restart.
 *
 * <p>Thread-safe (stateless).
 */
public final class Fnmatch {
    private Fnmatch() {}

    public static boolean matches(String pattern, String name) {
        return compile(pattern).matcher(name).matches();
    }

    public static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < pattern.length() && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < pattern.length() && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < pattern.length() && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= pattern.length()) {
                    re.append("\\[");
                } else {
                    String set = pattern.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
