package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.circusmeta.api.NodeView;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.client.RecordJson;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.testsupport.SeparateNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The manager under test, for one test class: a ZooKeeper of its own (a TestingServer, or a
 * TestingCluster for ensemble faults), one or more replicas of the real application on random ports
 * with the repository's config.yml, the typed clients of their API and admin ports, and the nodes the
 * class starts through it. Register it with {@code @RegisterExtension} in a static field; everything
 * starts before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} ones, the
 * nodes first and ZooKeeper last.
 *
 * <p>Not thread-safe: set up and torn down on JUnit's thread; the clients it hands out are thread-safe.
 */
final class ManagerExtension implements BeforeAllCallback, AfterAllCallback {
    private final int replicaCount;
    private final int ensembleSize;
    private final int apiPort;
    private final String config;
    private final ConfigOverride[] overrides;
    private final List<DropwizardTestSupport<ManagerConfiguration>> replicas = new ArrayList<>();
    private final List<Boolean> running = new ArrayList<>();
    private final Deque<AutoCloseable> nodes = new ArrayDeque<>();
    private Closeable zookeeper;
    private CuratorFramework curator;
    private Supplier<String> connectString;
    private Set<String> propertiesBefore;

    private ManagerExtension(int replicaCount, int ensembleSize, String config, int apiPort, ConfigOverride... overrides) {
        this.replicaCount = replicaCount;
        this.ensembleSize = ensembleSize;
        this.config = config;
        this.apiPort = apiPort;
        this.overrides = overrides;
    }

    /** One manager on a TestingServer, with these config overrides. */
    static ManagerExtension withConfig(ConfigOverride... overrides) {
        return new ManagerExtension(1, 0, ManagerApps.CONFIG, 0, overrides);
    }

    /** One manager on a TestingServer, its API on {@code apiPort} whenever it starts (a page can reconnect to it). */
    static ManagerExtension onApiPort(int apiPort, ConfigOverride... overrides) {
        return new ManagerExtension(1, 0, ManagerApps.CONFIG, apiPort, overrides);
    }

    /** One manager on a TestingServer, reading {@code config} in place of the repository's config.yml. */
    static ManagerExtension withConfigFile(String config, ConfigOverride... overrides) {
        return new ManagerExtension(1, 0, config, 0, overrides);
    }

    /** Several replicas on one TestingServer. */
    static ManagerExtension replicas(int count, ConfigOverride... overrides) {
        return new ManagerExtension(count, 0, ManagerApps.CONFIG, 0, overrides);
    }

    /** One manager on a TestingCluster of {@code servers} ZooKeepers. */
    static ManagerExtension onEnsemble(int servers, ConfigOverride... overrides) {
        return new ManagerExtension(1, servers, ManagerApps.CONFIG, 0, overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        propertiesBefore = System.getProperties().stringPropertyNames();
        if (ensembleSize > 0) {
            TestingCluster cluster = new TestingCluster(ensembleSize);
            cluster.start();
            zookeeper = cluster;
            connectString = cluster::getConnectString;
        } else {
            TestingServer server = TestingServers.started();
            zookeeper = server;
            connectString = server::getConnectString;
        }
        for (int i = 0; i < replicaCount; i++) {
            DropwizardTestSupport<ManagerConfiguration> replica = ManagerApps.replica(config, connectString.get(), apiPort, overrides);
            replica.before();
            replicas.add(replica);
            running.add(true);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            while (!nodes.isEmpty()) {
                nodes.pop().close();
            }
            for (int i = replicas.size() - 1; i >= 0; i--) {
                stop(i);
            }
            if (curator != null) {
                curator.close();
            }
        } finally {
            zookeeper.close();
            // Each replica restores on stop the config overrides it found on start; replicas stopped out of
            // order leave the first one's behind, which later test classes would read.
            System.getProperties().stringPropertyNames().stream()
                    .filter(k -> k.startsWith("dw.") && !propertiesBefore.contains(k)).forEach(System::clearProperty);
        }
    }

    /** The ZooKeeper connect string. */
    String zookeeper() {
        return connectString.get();
    }

    /** A ZooKeeper client of the test's own (the manager's namespace), to read and write znodes; closed after the class. */
    CuratorFramework curator() {
        if (curator == null) {
            curator = ZooKeeperClients.newClient(zookeeper());
            curator.start();
        }
        return curator;
    }

    /** The ensemble, when the manager runs on one. */
    TestingCluster ensemble() {
        return (TestingCluster) zookeeper;
    }

    DropwizardTestSupport<ManagerConfiguration> app() {
        return replica(0);
    }

    DropwizardTestSupport<ManagerConfiguration> replica(int index) {
        return replicas.get(index);
    }

    int replicaCount() {
        return replicas.size();
    }

    /** Starts a stopped replica again, with the configuration it had (a manager restarted). */
    void start(int index) throws Exception {
        if (!running.get(index)) {
            replicas.get(index).before();
            running.set(index, true);
        }
    }

    /** Stops a replica now (a replica that dies); the others go on. */
    void stop(int index) {
        if (running.get(index)) {
            running.set(index, false);
            replicas.get(index).after();
        }
    }

    /** Stops a replica, if it runs, and starts it again: a manager restart. Its ports change. */
    void restart(int index) {
        stop(index);
        DropwizardTestSupport<ManagerConfiguration> replica = ManagerApps.replica(config, connectString.get(), apiPort, overrides);
        try {
            replica.before();
        } catch (Exception e) {
            throw new IllegalStateException("could not start manager replica " + index + " again", e);
        }
        replicas.set(index, replica);
        running.set(index, true);
    }

    ManagerClient api() {
        return api(0);
    }

    ManagerClient api(int replica) {
        return ManagerClient.onLoopback(replicas.get(replica).getLocalPort());
    }

    AdminClient admin() {
        return admin(0);
    }

    AdminClient admin(int replica) {
        return AdminClient.onLoopback(replicas.get(replica).getAdminPort());
    }

    /** A component the first replica manages, to read what it bound (ports chosen for port 0). */
    <T> T find(Class<T> type) {
        return app().getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance)
                .map(m -> ((JettyManaged) m).getManaged())
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the application manages no " + type.getSimpleName()));
    }

    /** Real circusmeta-nodes on one host of their own, stopped after the class. */
    RealNodes realNodes(String hostName) {
        RealNodes real = new RealNodes(zookeeper(), hostName);
        nodes.push(real);
        return real;
    }

    /**
     * A circusmeta-node in a process of its own ({@code scripts/circusmeta-node}, its jar packaged),
     * running {@code ini}, with more flags ({@code --label k=v}); its output goes to
     * {@code target/NAME.out}. Stopped after the class.
     */
    SeparateNode separateNode(String name, Path ini, String... flags) {
        Path jar = ManagerApps.HOME.resolve("node/target/circusmeta-node.jar");
        assertThat(jar).as("circusmeta-node's jar, packaged before the integration tests").exists();
        SeparateNode node = SeparateNode.start(ManagerApps.HOME, name, zookeeper(), ini, List.of(flags),
                Path.of("target", name + ".out"));
        nodes.push(node);
        return node;
    }

    /** A fake node answering like a circusd with {@code circusd}'s watchers, not registered yet; closed after the class. */
    FakeNode fakeNode(String name, FakeCircusd circusd) {
        FakeNode fake = FakeNode.start(zookeeper(), name, circusd);
        nodes.push(fake);
        return fake;
    }

    /** Waits until every replica lists every one of the nodes as attached. */
    void awaitAttached(Collection<String> names, Duration within) {
        for (int i = 0; i < replicas.size(); i++) {
            if (running.get(i)) {
                ManagerClient api = api(i);
                await().atMost(within).until(() -> names.stream().allMatch(n -> stateOf(api, n).equals("attached")));
            }
        }
    }

    /** The node's state as {@code GET /api/nodes} lists it on the first replica, or {@code absent}. */
    String stateOf(String node) {
        return stateOf(api(), node);
    }

    static String stateOf(ManagerClient api, String node) {
        return api.nodes().stream().filter(n -> n.name().equals(node)).map(NodeView::state).findFirst().orElse("absent");
    }

    /** The nodes one replica lists, as {@code name:state}. */
    static List<String> states(ManagerClient api) {
        return api.nodes().stream().map(n -> n.name() + ":" + n.state()).collect(Collectors.toList());
    }

    /** The node named in a list of nodes. */
    static NodeView node(List<NodeView> nodes, String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("node " + name + " is not in " + nodes));
    }

    /** The node named, as {@code GET /api/nodes} wrote it: for what a record cannot tell (a field absent, not null). */
    static JsonNode nodeJson(ManagerClient api, String name) {
        for (JsonNode node : RecordJson.tree(api.answer(ApiCall.nodes()).body())) {
            if (node.path("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("node " + name + " is not in GET /api/nodes");
    }

    /** The refusal a call meets; fails when the call succeeds. */
    static ManagerRefused refusal(ThrowingCallable call) {
        ManagerRefused refused = catchThrowableOfType(ManagerRefused.class, call);
        assertThat(refused).as("the manager's refusal").isNotNull();
        return refused;
    }

    /** The HTTP status a call is answered with, success or refusal. */
    static int statusOf(ManagerClient api, ApiCall<?> call) {
        try {
            return api.answer(call).status();
        } catch (ManagerRefused e) {
            return e.status();
        }
    }
}
