package org.circusmeta.manager.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;

/**
 * The outcomes of one command sent to several nodes, sorted out: the replies, the nodes that do not
 * have the watcher named (circusd's {@code program X not found}), and the nodes that failed (did not
 * answer, or refused), each with a sentence an operator can act on.
 *
 * <p>Immutable.
 */
record NodeAnswers(List<Answer> ok, List<String> notFound, Map<String, String> failures, OptionalInt refusalErrno) {
    record Answer(String node, Reply reply) {}

    static NodeAnswers of(FanOutResult result, String command, Duration deadline, boolean notFoundIsAbsence) {
        List<Answer> ok = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        Map<String, String> failures = new TreeMap<>();
        List<Integer> errnos = new ArrayList<>();
        for (NodeOutcome outcome : result.outcomes()) {
            if (outcome instanceof NodeOutcome.Failed failed) {
                failures.put(outcome.node(), new Failure.Unanswered(outcome.node(), command, failed.failure(), deadline).message());
                errnos.add(-1);
                continue;
            }
            Reply reply = outcome.answer().orElseThrow();
            if (notFoundIsAbsence && reply.isUnknownWatcher()) {
                notFound.add(outcome.node());
            } else if (reply.isError()) {
                failures.put(outcome.node(), new Failure.Refused(outcome.node(), command, reply).message());
                errnos.add(reply.errno().orElse(Errno.COMMAND_ERROR.code()));
            } else {
                ok.add(new Answer(outcome.node(), reply));
            }
        }
        boolean sameRefusal = !errnos.isEmpty() && errnos.get(0) >= 0 && errnos.stream().distinct().count() == 1;
        return new NodeAnswers(List.copyOf(ok), List.copyOf(notFound), failures,
                sameRefusal ? OptionalInt.of(errnos.get(0)) : OptionalInt.empty());
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    /** The error reply when some node failed: every failure, then who answered. */
    Reply error() {
        String answered = ok.isEmpty() ? "" : "; " + ok.stream().map(Answer::node).collect(Collectors.joining(", "))
                + " answered ok";
        Errno errno = Errno.of(refusalErrno.orElse(Errno.COMMAND_ERROR.code())).orElse(Errno.COMMAND_ERROR);
        return Reply.error(String.join("; ", failures.values()) + answered, errno);
    }
}
