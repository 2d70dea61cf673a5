package org.circusmeta.manager.cluster;

import org.circusmeta.manager.core.UseCases;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.server.ControlEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circus-compatible cluster endpoint (docs/cluster-endpoint.md): a ROUTER at {@code circus.endpoint} speaking the
 * circus command protocol for the whole pool, so that {@code circusctl --endpoint ...} manages it
 * ({@link ClusterCommands} says how each command reads). Its socket has a thread of its own,
 * {@code cluster-endpoint}, apart from the relay's and the nodes'.
 *
 * <p>Like circusd's, this endpoint has no authentication: bind it to loopback, or to an address only
 * operators reach.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} binds (a second call throws); {@link #close()} is
 * idempotent.
 */
public final class ClusterEndpoint implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEndpoint.class);

    private final SocketLoop loop = new SocketLoop("cluster-endpoint");
    private final ControlEndpoint endpoint;
    private final Lifecycle lifecycle = new Lifecycle("the cluster endpoint");

    /**
     * @param cases waiting for the nodes under circusctl's own timeout (5 s by default), so that a slow node is
     *     named in the reply rather than circusctl timing out
     * @param maxMessageSize bytes a request may have; ZeroMQ drops the connection of a client that sends more
     */
    public ClusterEndpoint(String endpoint, UseCases cases, long maxMessageSize) {
        this.endpoint = new ControlEndpoint(loop, endpoint, new ClusterCommands(cases), maxMessageSize);
    }

    /** The thread that owns the socket, for the health check of the loops. */
    public SocketLoop loop() {
        return loop;
    }

    @Override
    public void start() {
        lifecycle.start();
        loop.start();
        String bound = endpoint.start();
        LOG.info("cluster endpoint listening on {}: circusctl --endpoint {} manages the whole pool", bound, bound);
    }

    /** The endpoint bound (the port chosen, for port 0); empty before {@link #start()}. */
    public String boundEndpoint() {
        return endpoint.boundEndpoint();
    }

    @Override
    public void close() {
        if (lifecycle.close()) {
            endpoint.close();
            loop.close();
        }
    }
}
