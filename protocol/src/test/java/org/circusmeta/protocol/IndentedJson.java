package org.circusmeta.protocol;

/**
 * The transcripts were saved by Python's {@code json.dump(obj, indent=1)}, which writes every token
 * exactly as {@code json.dumps(obj)} does and only adds newlines and indentation (with ","
 * instead of ", " before them). Undoing that gives the bytes circusd's own encoder produces for the
 * same values, to compare {@link CircusJson} against without running Python.
 */
final class IndentedJson {
    private IndentedJson() {}

    static String toPythonDefault(String indented) {
        StringBuilder out = new StringBuilder(indented.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < indented.length(); i++) {
            char c = indented.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '\n') {
                while (i + 1 < indented.length() && indented.charAt(i + 1) == ' ') {
                    i++;
                }
            } else if (c == ',') {
                out.append(", ");
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
