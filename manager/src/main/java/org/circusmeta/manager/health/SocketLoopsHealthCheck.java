package org.circusmeta.manager.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * Unhealthy when a thread that owns ZeroMQ sockets died (out of memory, a bug): what it served (node
 * connections, the stream relay, the cluster endpoint) is gone until the manager restarts, so the message
 * names the loop, what it died of, and says to restart. Thread-safe.
 */
public final class SocketLoopsHealthCheck extends HealthCheck {
    private final Supplier<List<SocketLoop>> loops;

    public SocketLoopsHealthCheck(Supplier<List<SocketLoop>> loops) {
        this.loops = loops;
    }

    @Override
    protected Result check() {
        String dead = loops.get().stream().filter(l -> l.failure().isPresent())
                .map(l -> l.name() + " (" + describe(l.failure()) + ")").collect(Collectors.joining(", "));
        return dead.isEmpty() ? Result.healthy("every socket loop runs")
                : Result.unhealthy("socket loop " + dead + " died, and what it served is gone: restart the manager;"
                        + " its log says why (\"socket loop ... stopped on an unexpected error\")");
    }

    private static String describe(Optional<Throwable> failure) {
        Throwable e = failure.orElseThrow();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
