package org.circusmeta.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.client.ClientOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.server.ControlEndpoint;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.registrar.RecordSessions;
import org.circusmeta.registration.registrar.Registrar;
import org.circusmeta.registration.registrar.RegistrarOptions;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * The {@code registry} suite: how long a node takes to appear to a watching client, from
 * {@link Registrar#start()} to the watcher's {@code NodeCreated}, side by side with its limit, a bare
 * ZooKeeper create of the same znode seen by the same watcher, in the same run (runs alternate).
 * The registrar pays for what the bare create skips: its health call to the daemon (a fresh DEALER
 * socket each time) and its read of the znode before creating it; it runs both at once.
 *
 * <p>The cost of ZooKeeper ACLs on the same join, in the same run: a registrar with an identity
 * (as {@code --zookeeper-auth-file} gives) on a namespace a manager prepared, which holds its record
 * in a ZooKeeper session of its own, opened while the daemon's health is asked, and reads {@code
 * /nodes} before it creates the record.
 */
public final class RegistryBench implements BenchSuite {
    private static final int WARMUP = 50;
    private static final int RUNS = 200;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public void run(BenchReport report) throws Exception {
        try (TestingServer server = new TestingServer(true);
             SocketLoop daemonLoop = new SocketLoop("bench-daemon");
             SocketLoop loop = new SocketLoop("bench-registrar");
             CuratorFramework registrars = client(server);
             CuratorFramework bare = client(server);
             CuratorFramework watcher = client(server);
             WithAcls secured = WithAcls.prepare(server.getConnectString())) {
            daemonLoop.start();
            loop.start();
            ControlEndpoint daemon = new ControlEndpoint(daemonLoop, "tcp://127.0.0.1:0",
                    request -> CompletableFuture.completedFuture(Reply.ok().build()));
            String endpoint = daemon.start();
            long[] viaRegistrar = new long[RUNS];
            long[] withAcls = new long[RUNS];
            long[] cold = new long[RUNS];
            long[] viaCreate = new long[RUNS];
            long[] firstCall = new long[RUNS];
            int lost = 0;
            for (int i = -WARMUP; i < RUNS; i++) {
                long r = registrarRun(registrars, watcher, loop, RegistrarOptions.of(record("bench-r" + (i + WARMUP),
                        endpoint)));
                long a = secured.run(loop, record("bench-a" + (i + WARMUP), endpoint));
                long c0 = secured.runCold(loop, record("bench-c" + (i + WARMUP), endpoint));
                long b = bareRun(bare, watcher, endpoint, "bench-b" + (i + WARMUP));
                long c = firstCallRun(loop, endpoint);
                while (c < 0) {
                    lost += i >= 0 ? 1 : 0;
                    c = firstCallRun(loop, endpoint);
                }
                if (i >= 0) {
                    viaRegistrar[i] = r;
                    withAcls[i] = a;
                    cold[i] = c0;
                    viaCreate[i] = b;
                    firstCall[i] = c;
                }
            }
            daemon.close();
            Arrays.sort(viaRegistrar);
            Arrays.sort(withAcls);
            Arrays.sort(cold);
            Arrays.sort(viaCreate);
            Arrays.sort(firstCall);
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            String how = RUNS + " runs after " + WARMUP + " warm-up, registrar and bare create alternating; one"
                    + " in-process TestingServer, one client for the registrars, one for the bare creates, one"
                    + " watching with an exists watch set before the clock starts; daemon: a ControlEndpoint"
                    + " answering a plain ok; load average " + String.format(Locale.ROOT, "%.1f", load) + " at the end";
            for (double p : new double[] {0.50, 0.99}) {
                double value = millis(percentile(viaRegistrar, p));
                double limit = millis(percentile(viaCreate, p));
                report.compare(String.format(Locale.ROOT, "registrar start → znode visible, p%.0f", p * 100), value, limit, "ms",
                        "bare create → watch", how);
                report.row(String.format(Locale.ROOT, "  above the limit, p%.0f", p * 100),
                        BenchReport.format(value - limit, "ms"), "", "", "goal at p50: within 2 ms");
            }
            report.row("  the health gate alone: fresh CircusClient start + first reply, p50",
                    BenchReport.format(millis(percentile(firstCall, 0.5)), "ms"), "", "",
                    "the health gate on its own: a new DEALER connecting to the daemon, one call; same run");
            report.row("  fresh connections whose first request was lost", lost + " of " + (RUNS + lost), "", "",
                    "no reply within 1 s; such runs are retried and not counted above");
            String aclsHow = "alternating with the runs above; the registrar authenticated, its record held in a"
                    + " session of its own with the ACL of its identity and the managers', that session up and /nodes"
                    + " read before the clock starts (RecordSessions.start, as the agent and the node do at launch),"
                    + " as the plain registrar's client is connected; goal: ratio under 1.05";
            String coldHow = "alternating with the runs above; no record session open before the registrar starts: its"
                    + " handshake and authentication run beside the health call";
            for (double p : new double[] {0.50, 0.99}) {
                report.compare(String.format(Locale.ROOT, "with ZooKeeper ACLs: registrar start → znode visible, p%.0f",
                        p * 100), millis(percentile(withAcls, p)), millis(percentile(viaRegistrar, p)), "ms",
                        "the same without ACLs", aclsHow);
            }
            for (double p : new double[] {0.50, 0.99}) {
                report.compare(String.format(Locale.ROOT, "  with ACLs, record session opened at the start, p%.0f",
                        p * 100), millis(percentile(cold, p)), millis(percentile(viaRegistrar, p)), "ms",
                        "the same without ACLs", coldHow);
            }
        }
    }

    private static long registrarRun(CuratorFramework client, CuratorFramework watcher, SocketLoop loop,
            RegistrarOptions options) throws Exception {
        CompletableFuture<Long> seen = watchFor(watcher, options.name());
        try (Registrar registrar = new Registrar(client, loop, options)) {
            long start = System.nanoTime();
            registrar.start();
            try {
                return seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) - start;
            } catch (TimeoutException e) {
                throw new IllegalStateException("node " + options.name() + " did not appear within " + WAIT + ": "
                        + registrar.state(), e);
            }
        }
    }

    private static long bareRun(CuratorFramework client, CuratorFramework watcher, String endpoint, String name)
            throws Exception {
        byte[] data = record(name, endpoint).toBytes();
        CompletableFuture<Long> seen = watchFor(watcher, name);
        long start = System.nanoTime();
        // /nodes is a container (the registrars made it): ZooKeeper deletes it in a moment when it is empty.
        client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).inBackground()
                .forPath(RegistryPaths.node(name), data);
        long took = seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) - start;
        client.delete().forPath(RegistryPaths.node(name));
        return took;
    }

    /** A fresh client's first call, or -1 when that request was lost (no reply within a second). */
    private static long firstCallRun(SocketLoop loop, String endpoint) {
        try (CircusClient client = new CircusClient(loop, endpoint, ClientOptions.DEFAULTS.withRetryBusy(false))) {
            long start = System.nanoTime();
            client.start();
            client.callAndWait(Request.of("globaloptions"), Duration.ofSeconds(1));
            return System.nanoTime() - start;
        } catch (CircusTimeoutException e) {
            return -1;
        }
    }

    /** Completes with the time the watcher learns that the node was created. */
    private static CompletableFuture<Long> watchFor(CuratorFramework watcher, String name) throws Exception {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        watcher.checkExists().usingWatcher((Watcher) event -> {
            if (event.getType() == Watcher.Event.EventType.NodeCreated) {
                seen.complete(System.nanoTime());
            }
        }).forPath(RegistryPaths.node(name));
        return seen;
    }

    private static NodeRecord record(String name, String endpoint) {
        return NodeRecord.of(name, endpoint, Optional.empty(), Optional.empty(), "bench", Map.of(), 1.0,
                NodeRecord.KIND_CIRCUSD, "0.19");
    }

    private static CuratorFramework client(TestingServer server) {
        return started(ZooKeeperClients.newClient(server.getConnectString(), RegistryPaths.DEFAULT_NAMESPACE,
                Duration.ofSeconds(10)));
    }

    private static CuratorFramework started(CuratorFramework client) {
        client.start();
        if (!ZooKeeperClients.awaitConnected(client, WAIT)) {
            throw new IllegalStateException("no connection to the benchmark's ZooKeeper");
        }
        return client;
    }

    /**
     * A namespace with ZooKeeper ACLs on, prepared as a manager prepares it ({@code /nodes} created by the
     * managers' identity, the registrars' identity allowed to create under it); the registrars' client
     * authenticated, a watcher without credentials.
     */
    private static final class WithAcls implements AutoCloseable {
        private static final String NAMESPACE = "circusmeta-acls";
        private static final ZooKeeperCredentials MANAGER = ZooKeeperCredentials.parse("manager:bench-manager", "bench");
        private static final ZooKeeperCredentials REGISTRAR = ZooKeeperCredentials.parse("node:bench-node", "bench");

        final RecordSessions sessions;
        final CuratorFramework manager;
        final CuratorFramework registrars;
        final CuratorFramework watcher;

        private WithAcls(RecordSessions sessions, CuratorFramework manager, CuratorFramework registrars,
                CuratorFramework watcher) {
            this.sessions = sessions;
            this.manager = manager;
            this.registrars = registrars;
            this.watcher = watcher;
        }

        static WithAcls prepare(String connect) throws Exception {
            ZooKeeperSettings open = ZooKeeperSettings.of(connect, NAMESPACE, Duration.ofSeconds(10));
            ManagerAcls acls = new ManagerAcls(NAMESPACE, MANAGER.id(), List.of(REGISTRAR.id()));
            CuratorFramework manager = started(open.withCredentials(MANAGER).newClient(acls));
            manager.create().creatingParentsIfNeeded().forPath(RegistryPaths.NODES, acls.nodesParentData());
            ZooKeeperSettings settings = open.withCredentials(REGISTRAR);
            RecordSessions sessions = new RecordSessions(settings);
            sessions.start();
            return new WithAcls(sessions, manager, started(settings.newClient()), started(open.newClient()));
        }

        /** A registrar whose record session is up before the clock starts. */
        long run(SocketLoop loop, NodeRecord record) throws Exception {
            if (!sessions.awaitReady(WAIT)) {
                throw new IllegalStateException("the benchmark's record session did not come up");
            }
            return registrarRun(registrars, watcher, loop, RegistrarOptions.of(record).withRecordSessions(sessions));
        }

        /** A registrar that opens its record session when it starts. */
        long runCold(SocketLoop loop, NodeRecord record) throws Exception {
            try (RecordSessions fresh = new RecordSessions(sessions.settings())) {
                return registrarRun(registrars, watcher, loop, RegistrarOptions.of(record).withRecordSessions(fresh));
            }
        }

        @Override
        public void close() {
            watcher.close();
            sessions.close();
            registrars.close();
            manager.close();
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
