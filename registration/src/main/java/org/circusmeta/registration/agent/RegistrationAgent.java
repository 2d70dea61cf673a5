package org.circusmeta.registration.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.logs.CircusdLogs;
import org.circusmeta.registration.record.HostInfo;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.registrar.RecordSessions;
import org.circusmeta.registration.registrar.Registrar;
import org.circusmeta.registration.registrar.RegistrarOptions;
import org.circusmeta.registration.registrar.RegistrarState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: one Curator client, one socket loop for the health calls and the logs, the
 * logs of circusd's watchers (bound first: the record carries their endpoint), one registrar, and,
 * with ZooKeeper ACLs on, the record sessions of its identity. Closing it removes the znode first,
 * then stops serving the logs, ends the ZooKeeper sessions, then the loop.
 *
 * <p>Thread-safe. Lifecycle: the constructor does no I/O; {@link #start()} once; {@link #close()}
 * idempotent, typically from the shutdown hook.
 */
final class RegistrationAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationAgent.class);
    private static final Duration CLOSE_WITHOUT_ZOOKEEPER = Duration.ofSeconds(1);

    private final RegistrationPlan plan;
    private final CuratorFramework curator;
    private final SocketLoop loop = new SocketLoop("register-io");
    private final Optional<CircusdLogs> logs;
    private final Optional<RecordSessions> recordSessions;
    private volatile Registrar registrar;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    RegistrationAgent(RegistrationPlan plan) {
        this.plan = plan;
        this.curator = plan.zookeeper().newClient();
        this.logs = plan.logs().map(settings -> new CircusdLogs(loop, settings));
        this.recordSessions = plan.zookeeper().credentials().isPresent()
                ? Optional.of(new RecordSessions(plan.zookeeper())) : Optional.empty();
    }

    void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the agent was already started");
        }
        LOG.info("registering {} ({}) in ZooKeeper at {} under /{}{}", plan.options().name(),
                plan.options().record().endpoint(), plan.zookeeper().connect(), plan.zookeeper().namespace(),
                plan.zookeeper().credentials().map(c -> " as " + c).orElse(""));
        loop.start();
        NodeRecord record = plan.options().record();
        if (logs.isPresent()) {
            String bound = logs.get().start();
            record = record.withLogsEndpoint(Optional.of(HostInfo.advertised(bound, plan.advertiseHost())));
        }
        RegistrarOptions options = plan.options().withRecord(record);
        registrar = new Registrar(curator, loop, recordSessions.map(options::withRecordSessions).orElse(options));
        curator.start();
        recordSessions.ifPresent(RecordSessions::start);
        registrar.start();
    }

    RegistrarState state() {
        return registrar.state();
    }

    boolean awaitRegistered(Duration timeout) {
        return registrar.awaitRegistered(timeout);
    }

    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (registrar != null) {
                registrar.close();
            }
            recordSessions.ifPresent(RecordSessions::close);
            logs.ifPresent(CircusdLogs::close);
            closeClient();
            loop.close();
            LOG.info("stopped; {} is no longer registered", registrar == null ? plan.options().name() : registrar.currentName());
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Ends the ZooKeeper session. Without a connection, ZooKeeper's close waits for reconnection
     * attempts to fail; nothing is left to remove then (the session ends on the server by itself),
     * so the stop does not wait more than a second for it.
     */
    private void closeClient() {
        if (curator.getZookeeperClient().isConnected()) {
            curator.close();
            return;
        }
        Thread closing = new Thread(curator::close, "register-zookeeper-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(CLOSE_WITHOUT_ZOOKEEPER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
