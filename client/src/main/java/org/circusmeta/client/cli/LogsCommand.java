package org.circusmeta.client.cli;

import java.util.List;
import org.circusmeta.api.LogLineView;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;

/**
 * {@code logs WATCHER [--node N] [-n K]}: the last lines of a watcher's processes from {@code GET /api/logs},
 * one per line as {@code NODE:WATCHER[PID] text}, oldest first; what a node could not give is said on
 * stderr, and exits 1.
 *
 * <p>Stateless.
 */
final class LogsCommand {
    private LogsCommand() {}

    static int logs(Session session) {
        String watcher = session.argument("WATCHER").orElseThrow();
        int lines = session.wholeNumber("-n", session.option(CliOption.LINES).orElse("100"), 1);
        Answer<List<LogLineView>> answer = session.answer(ApiCall.logs(watcher, session.option(CliOption.NODE), lines));
        if (!session.json()) {
            StringBuilder out = new StringBuilder();
            for (LogLineView line : answer.value()) {
                out.append(line.printed()).append('\n');
            }
            if (out.length() > 0) {
                out.setLength(out.length() - 1);
                session.terminal().print(out.toString());
            }
        }
        for (String warning : answer.warnings()) {
            session.terminal().error(text(warning));
        }
        return answer.warnings().isEmpty() ? Exits.OK : Exits.FAILED;
    }

    /** The text of a {@code Warning} header, {@code 199 circusmeta "text"}: the text. */
    static String text(String warning) {
        int open = warning.indexOf('"');
        int close = warning.lastIndexOf('"');
        return open >= 0 && close > open ? warning.substring(open + 1, close) : warning;
    }
}
