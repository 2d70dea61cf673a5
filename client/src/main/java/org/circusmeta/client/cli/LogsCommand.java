package org.circusmeta.client.cli;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.circusmeta.api.LogLineView;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.LogFollow;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.ManagerUnreachable;
import org.circusmeta.client.RecordJson;

/**
 * {@code logs WATCHER [--node N] [-n K] [-f]}: the last lines of a watcher's processes from
 * {@code GET /api/logs}, one per line as {@code NODE:WATCHER[PID] text}, oldest first; what a node could not
 * give is said on stderr, and exits 1. With {@code -f}, then every new line as it comes, and on stderr what
 * the manager says of the nodes, until Ctrl-C (which the JVM ends with status 130) or the manager ends the
 * stream (status 1, saying why).
 *
 * <p>Stateless.
 */
final class LogsCommand {
    private LogsCommand() {}

    static int logs(Session session) {
        String watcher = session.argument("WATCHER").orElseThrow();
        int lines = session.wholeNumber("-n", session.option(CliOption.LINES).orElse("100"), 1);
        if (session.flag(CliOption.FOLLOW)) {
            return follow(session, watcher, lines);
        }
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

    private static int follow(Session session, String watcher, int lines) {
        Terminal terminal = session.terminal();
        try (LogFollow follow = session.client().followLogs(watcher, session.option(CliOption.NODE), Optional.of(lines))) {
            for (Optional<LogFollow.Item> item = follow.next(); item.isPresent(); item = follow.next()) {
                if (item.get() instanceof LogFollow.Line l) {
                    terminal.out().println(session.json() ? RecordJson.write(l.line()) : l.line().printed());
                    terminal.out().flush();
                } else if (item.get() instanceof LogFollow.Notice n) {
                    terminal.error(n.notice().message());
                } else if (item.get() instanceof LogFollow.End e) {
                    terminal.error(e.notice().message());
                    return Exits.FAILED;
                }
            }
            terminal.error("the manager ended the stream of " + watcher + "'s lines (it stopped, or restarts)");
            return Exits.FAILED;
        } catch (ManagerRefused e) {
            throw session.refused(e);
        } catch (ManagerUnreachable e) {
            throw new CommandFailedException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailedException(e.getMessage() + " (" + e.getCause().getMessage() + ")");
        }
    }

    /** The text of a {@code Warning} header, {@code 199 circusmeta "text"}: the text. */
    static String text(String warning) {
        int open = warning.indexOf('"');
        int close = warning.lastIndexOf('"');
        return open >= 0 && close > open ? warning.substring(open + 1, close) : warning;
    }
}
