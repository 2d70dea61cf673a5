package org.circusmeta.manager.command;

import java.time.Duration;
import org.circusmeta.manager.nodes.NodeOutcome;

/** The one node a call addressed did not answer (or is known not to): the call has no result. */
public class NodeTimeoutException extends RuntimeException {
    public NodeTimeoutException(String node, String command, Duration deadline, NodeOutcome.Failure failure) {
        super(switch (failure) {
            case TIMEOUT -> "node " + node + " did not answer '" + command + "' within " + deadline.toMillis()
                    + " ms; it may have run it or not: check with GET /api/nodes/" + node;
            case UNREACHABLE -> "node " + node + " is unreachable (it stopped answering its liveness probe), so '" + command
                    + "' was not sent; GET /api/nodes shows since when";
            case DETACHED -> "node " + node + " is detached, so '" + command + "' was not sent; POST /tasks/attach?node="
                    + node + " on the admin port attaches it again";
            case INVALID -> "node " + node + " has an invalid registry record, so '" + command + "' was not sent";
            case GONE -> "node " + node + " left the registry before it answered '" + command + "'";
        });
    }
}
