package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.NodeView;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.RecordJson;
import org.circusmeta.client.cli.CircusmetaCli;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code circusmeta} CLI against the real manager and three real circusmeta-nodes: each
 * subcommand's exit status and output, {@code --json} equal to the API's JSON, a node that does not
 * answer named with exit 1, usage errors with exit 2 and the subcommand's help, and the lean jar run
 * as a process of its own.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CLI_JAR = Path.of("..", "client", "target", "circusmeta-cli.jar").toAbsolutePath().normalize();
    private static final List<String> NAMES = List.of("cli-0", "cli-1", "cli-2");
    private static final String SLEEPER = "[watcher:sleeper]\ncmd = sleep 4310\nnumprocesses = 1\ngraceful_timeout = 1\n";

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(ConfigOverride.config("circus.commandTimeout", "2s"));

    private final ManagerClient api = MANAGER.api();

    /** One run of the CLI: its exit status and what it wrote. */
    record Run(int status, String out, String err) {
        JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out, e);
            }
        }
    }

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("cli-nodes");
        NAMES.forEach(name -> nodes.start(name, SLEEPER));
        MANAGER.awaitAttached(NAMES, Duration.ofSeconds(30));
    }

    private String manager() {
        return api.base();
    }

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CircusmetaCli.run(List.of(args), Map.of("CIRCUSMETA_MANAGER", manager()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void nodesShowsEveryNodeWithItsStateAndLoad() {
        Run run = cli("nodes");

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("STATE", "KIND", "WATCHERS", "PROCESSES", "CPU%", "MEM%");
        for (String name : NAMES) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(name).contains("attached", "circusmeta-node"));
        }
        int state = lines.get(0).indexOf("STATE");
        assertThat(lines).allSatisfy(l -> assertThat(l.substring(state)).doesNotStartWith(" "));
    }

    @Test
    @Order(2)
    void jsonIsTheApisJson() {
        ObjectNode sleeper = CircusJson.object().put("name", "sleeper");
        assertThat(stable(cli("--json", "nodes").json())).isEqualTo(stable(body(ApiCall.nodes())));
        assertThat(stable(cli("list", "--json").json()))
                .isEqualTo(stable(body(ApiCall.command(new CommandRequest("list", null, null)))));
        assertThat(stable(cli("status", "sleeper", "--node", "cli-1", "--json").json()))
                .isEqualTo(stable(body(ApiCall.command(new CommandRequest("status", sleeper, List.of("cli-1"))))));
        assertThat(stable(cli("exec", "numprocesses", "name=sleeper", "--json").json()))
                .isEqualTo(stable(body(ApiCall.command(new CommandRequest("numprocesses", sleeper, null)))));
    }

    @Test
    @Order(3)
    void statusAndListShowEveryNodesWatchers() {
        Run status = cli("status");
        assertThat(status.status()).as(status.err()).isZero();
        for (String name : NAMES) {
            assertThat(status.out()).containsPattern("(?m)^" + name + " +sleeper +active$");
        }
        Run one = cli("status", "sleeper", "--node", "cli-0");
        assertThat(one.out().lines().skip(1).toList()).containsExactly("cli-0  sleeper  active");
        Run list = cli("list", "--node", "cli-2");
        assertThat(list.status()).isZero();
        assertThat(list.out()).containsPattern("(?m)^cli-2 +sleeper$");

        Run missing = cli("status", "no-such-watcher");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("no node has a watcher called no-such-watcher");
    }

    @Test
    @Order(4)
    void addsScalesStopsStartsAndRemovesAWatcher() {
        Run add = cli("add", "napper", "sleep", "4311", "--node", "cli-1", "--numprocesses", "1");
        assertThat(add.status()).as(add.err()).isZero();
        assertThat(add.out()).contains("added watcher napper on node cli-1");

        Run incr = cli("incr", "napper", "2");
        assertThat(incr.status()).as(incr.err()).isZero();
        assertThat(incr.out()).containsPattern("(?m)^cli-1 +ok");
        await().atMost(Duration.ofSeconds(15)).until(() -> processes("cli-1", "napper") == 3);
        assertThat(cli("decr", "napper", "--node", "cli-1").status()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> processes("cli-1", "napper") == 2);

        assertThat(cli("stop", "napper").status()).isZero();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> cli("status", "napper").out().matches("(?s).*\ncli-1 +napper +stopped\n.*"));
        assertThat(cli("start", "napper", "--node", "cli-1").status()).isZero();
        assertThat(cli("restart", "napper").status()).isZero();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> cli("status", "napper").out().matches("(?s).*\ncli-1 +napper +active\n.*"));

        Run rm = cli("rm", "napper");
        assertThat(rm.status()).as(rm.err()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> cli("status", "napper").status() == 1);
    }

    @Test
    @Order(5)
    void addWithoutANodeLetsTheManagerPlaceIt() {
        Run add = cli("add", "placed", "sleep", "4312", "--json");
        assertThat(add.status()).as(add.err()).isZero();
        String node = add.json().path("node").asText();
        assertThat(NAMES).contains(node);
        assertThat(cli("rm", "placed", "--node", node).status()).isZero();
        // circus's rm answers before the watcher is gone.
        await().atMost(Duration.ofSeconds(15)).until(() -> cli("status", "placed").status() == 1);
    }

    @Test
    @Order(6)
    void execRunsARawCommandOnTheNodesNamed() {
        Run run = cli("exec", "numwatchers", "--node", "cli-0", "--node", "cli-2");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^cli-0 +ok numwatchers=1$").containsPattern("(?m)^cli-2 +ok numwatchers=1$")
                .doesNotContain("cli-1");
        Run all = cli("exec", "numprocesses", "name=sleeper", "--all");
        assertThat(all.out().lines().filter(l -> l.contains("ok numprocesses=1")).count()).isEqualTo(3);
    }

    @Test
    @Order(7)
    void topRedrawsEveryNodeAndStopsAfterCount() {
        Run run = cli("top", "--count", "2");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("circusmeta top")).count()).isEqualTo(2);
        for (String name : NAMES) {
            assertThat(run.out()).containsPattern("(?m)^" + name + " +attached");
        }
        assertThat(run.out()).doesNotContain("\033[");
    }

    @Test
    @Order(8)
    void statsShowsEveryNodeAndTheTotals() {
        await().atMost(Duration.ofSeconds(15)).until(() -> NAMES.stream().allMatch(n -> cli("stats").out().contains(n)));
        Run run = cli("stats");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).filteredOn(l -> l.matches("  sleeper +1 .*")).hasSize(3);
        int perNode = lines.stream().filter(l -> l.startsWith("cli-")).mapToInt(CliIT::processesColumn).sum();
        assertThat(lines).filteredOn(l -> l.startsWith("TOTAL")).singleElement()
                .satisfies(total -> assertThat(processesColumn(total)).isEqualTo(perNode));
        Run one = cli("stats", "--node", "cli-0");
        assertThat(one.out()).contains("cli-0").doesNotContain("cli-1", "TOTAL");
    }

    @Test
    @Order(9)
    void usageErrorsExitTwoWithTheSubcommandsHelp() {
        Run missing = cli("incr");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("missing NAME", "usage: circusmeta incr NAME [K] [--node N]");
        assertThat(missing.out()).isEmpty();

        Run badCount = cli("incr", "sleeper", "many");
        assertThat(badCount.status()).isEqualTo(2);
        assertThat(badCount.err()).contains("K must be a whole number", "usage: circusmeta incr");

        Run unknownOption = cli("nodes", "--verbose");
        assertThat(unknownOption.status()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("unknown option --verbose", "usage: circusmeta nodes");

        Run unknown = cli("frobnicate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown subcommand 'frobnicate'", "subcommands:");

        Run refused = cli("exec", "frobnicate");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("HTTP 422", "not a circus command", "usage: circusmeta exec");

        Run help = cli("add", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("usage: circusmeta add NAME CMD [ARGS...]");
    }

    @Test
    @Order(10)
    void anUnknownNodeOrWatcherIsAFailureThatSaysWhy() {
        Run node = cli("list", "--node", "nowhere");
        assertThat(node.status()).isEqualTo(1);
        assertThat(node.err()).contains("HTTP 404", "nowhere");
        Run watcher = cli("restart", "no-such-watcher");
        assertThat(watcher.status()).isEqualTo(1);
        assertThat(watcher.err()).contains("HTTP 404", "no-such-watcher");
    }

    @Test
    @Order(11)
    void aManagerThatCannotBeReachedIsNamedWithWhatToCheck() {
        String nowhere = "http://127.0.0.1:" + TestingServers.freePort();
        Run run = cli("--manager", nowhere, "nodes");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the manager at " + nowhere, "Check that it is running");
    }

    @Test
    @Order(12)
    void aNodeThatDoesNotAnswerFailsTheCommandAndIsNamed() {
        try (FakeNode frozen = FakeNode.start(MANAGER.zookeeper(), "cli-frozen", new FakeCircusd().with("sleeper", 1))
                .register()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> MANAGER.stateOf("cli-frozen").equals("attached"));
            frozen.peer().silence();

            Run exec = cli("exec", "numwatchers");
            assertThat(exec.status()).isEqualTo(1);
            assertThat(exec.out()).containsPattern("(?m)^cli-frozen +error: (timeout|unreachable)$")
                    .containsPattern("(?m)^cli-0 +ok numwatchers=1$");
            assertThat(exec.err()).contains("node cli-frozen ", "1 of 4 nodes failed: cli-frozen");

            await().atMost(Duration.ofSeconds(10)).until(() -> MANAGER.stateOf("cli-frozen").equals("unreachable"));
            Run nodes = cli("nodes");
            assertThat(nodes.status()).isEqualTo(1);
            assertThat(nodes.err()).contains("node cli-frozen is unreachable");
            Run status = cli("status", "sleeper");
            assertThat(status.status()).isEqualTo(1);
            assertThat(status.err()).contains("node cli-frozen is unreachable");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> MANAGER.stateOf("cli-frozen").equals("absent"));
    }

    @Test
    @Order(13)
    void theLeanJarRunsAsAProcessOfItsOwn() throws Exception {
        Path jar = CLI_JAR;
        assertThat(jar).as("built by the client module's 'mvn package' before these integration tests").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--manager", manager(), "nodes")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        for (String name : NAMES) {
            assertThat(out).containsPattern("(?m)^" + name + " +attached");
        }
    }

    @Test
    @Order(14)
    void renameAsksTheNodeToReRegister() {
        Run run = cli("rename", "cli-2", "cli-9");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("cli-2", "cli-9");
        await().atMost(Duration.ofSeconds(20)).until(() -> MANAGER.stateOf("cli-9").equals("attached"));
        assertThat(cli("rename", "cli-2", "cli-8").status()).isEqualTo(1);
    }

    /** The CLI's jar holds the client, the api records, Jackson and picocli: nothing of the server. */
    @Test
    @Order(15)
    void theLeanJarHoldsNothingOfTheServer() throws IOException {
        try (JarFile jar = new JarFile(CLI_JAR.toFile())) {
            List<String> classes = jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).allMatch(n -> n.matches("(org/circusmeta/(client|api)|com/fasterxml/jackson|picocli)/.*"));
        }
    }

    @Test
    @Order(16)
    void cordonAndUncordonAndTheNodesTableSaysSo() {
        Run cordon = cli("cordon", "cli-1");
        assertThat(cordon.status()).as(cordon.err()).isZero();
        assertThat(cordon.out()).contains("cordoned node cli-1");
        assertThat(cli("nodes").out()).containsPattern("(?m)^cli-1 +attached,cordoned ");
        assertThat(cli("--json", "nodes").json().findValues("eligible")).extracting(JsonNode::asBoolean).contains(false);

        Run uncordon = cli("uncordon", "cli-1");
        assertThat(uncordon.status()).as(uncordon.err()).isZero();
        assertThat(uncordon.out()).contains("uncordoned node cli-1");
        assertThat(cli("nodes").out()).containsPattern("(?m)^cli-1 +attached ");
        assertThat(cli("cordon", "nowhere").status()).isEqualTo(1);
    }

    @Test
    @Order(17)
    void restartRollingPrintsEachNodeAsItGoes() {
        List<String> nodes = api.nodes().stream().map(NodeView::name).sorted().toList();
        TimedLines out = new TimedLines();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CircusmetaCli.run(List.of("restart", "sleeper", "--rolling", "--healthy-for", "1s", "--batch", "1"),
                Map.of("CIRCUSMETA_MANAGER", manager()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        long ended = System.nanoTime();

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.lines();
        assertThat(lines.get(0)).startsWith("operation op-").contains("rolling restart of watcher sleeper on 3 nodes");
        assertThat(lines.get(1)).matches("NODE +RESULT");
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(lines.get(2 + i)).matches(nodes.get(i) + " +restarted");
        }
        assertThat(lines.get(5)).isEqualTo("restarted watcher sleeper on 3 of 3 nodes");
        // Printed as it went: the first node's line a second (its healthy_for) or more before the last one's.
        assertThat(Duration.ofNanos(out.at(4) - out.at(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(ended).isGreaterThanOrEqualTo(out.at(4));

        Run usage = cli("restart", "sleeper", "--batch", "2");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("--batch is for a rolling restart: add --rolling");
        Run bad = cli("restart", "sleeper", "--rolling", "--healthy-for", "soon");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("healthy_for: 'soon' is not a duration");
        Run json = cli("restart", "sleeper", "--rolling", "--healthy-for", "100ms", "--node", "cli-0", "--json");
        assertThat(json.status()).as(json.err()).isZero();
        List<String> events = json.out().lines().toList();
        assertThat(RecordJson.tree(events.get(events.size() - 1)).path("operation").path("state").asText()).isEqualTo("done");
    }

    @Test
    @Order(18)
    void drainPrintsEachWatcherAsItMovesAndLeavesTheNodeCordoned() {
        String node = api.add(ClusterWatcherChecks.sleeper("mover", Map.of())).node();

        Run run = cli("drain", node, "--max-parallel", "2");

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("operation op-").contains("drain of node " + node);
        assertThat(lines.get(1)).matches("WATCHER +RESULT");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("mover +moved: to cli-\\d"));
        assertThat(lines.get(lines.size() - 1)).startsWith("drained node " + node + ": moved ");
        assertThat(cli("nodes").out()).containsPattern("(?m)^" + node + " +attached,cordoned ");

        Run detached = cli("drain", node, "--detach");
        assertThat(detached.status()).as(detached.err()).isZero();
        assertThat(detached.out()).startsWith("operation op-").contains("GET /api/operations/op-");
        assertThat(cli("drain", node, "--max-parallel", "0").status()).isEqualTo(2);
        assertThat(cli("drain", "nowhere").status()).isEqualTo(1);
        assertThat(cli("uncordon", node).status()).isZero();
    }

    @Test
    @Order(19)
    void applyPrintsThePlanThenEachWatchersResult(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("watchers.yml");
        Files.writeString(file, "watchers:\n  - name: applied-1\n    cmd: sleep 600\n  - name: applied-2\n    cmd: sleep 601\n");

        Run plan = cli("apply", file.toString(), "--dry-run");
        assertThat(plan.status()).as(plan.err()).isZero();
        List<String> planned = plan.out().lines().toList();
        assertThat(planned.get(0)).startsWith("operation op-").contains("plan: 2 to add");
        assertThat(planned).anySatisfy(line -> assertThat(line).matches("applied-1 +to-add"));
        assertThat(planned.get(planned.size() - 1)).startsWith("dry run, nothing changed: 2 to add");

        Run applied = cli("apply", file.toString());
        assertThat(applied.status()).as(applied.err()).isZero();
        assertThat(applied.out()).containsPattern("(?m)^applied-1 +added$").containsPattern("(?m)^applied-2 +added$");
        assertThat(cli("apply", file.toString()).out()).containsPattern("(?m)^applied-2 +unchanged$");

        Files.writeString(file, "watchers:\n  - name: applied-1\n    cmdd: sleep 600\n");
        Run bad = cli("apply", file.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("watcher applied-1: cmdd: unknown key");
        assertThat(cli("apply", dir.resolve("missing.yml").toString()).err()).contains("could not read the file");
    }

    /** What the CLI prints, line by line, with when each line ended. Thread-safe. */
    private static final class TimedLines extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<String> lines = new ArrayList<>();
        private final List<Long> times = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                times.add(System.nanoTime());
                line.reset();
            } else {
                line.write(b);
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized long at(int index) {
            return times.get(index);
        }
    }

    private static int processesColumn(String line) {
        return Integer.parseInt(line.trim().split(" +")[1]);
    }

    private int processes(String node, String watcher) {
        List<NodeView.NodeWatcher> watchers = api.node(node).watchers();
        return watchers == null ? -1 : watchers.stream().filter(w -> w.name().equals(watcher)).findFirst()
                .map(NodeView.NodeWatcher::numprocesses).orElse(-1);
    }

    /** The API's answer to a call, as it came. */
    private JsonNode body(ApiCall<?> call) {
        try {
            return MAPPER.readTree(api.answer(call).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON without what changes from one call to the next: times, sightings, live load. */
    private static JsonNode stable(JsonNode json) {
        JsonNode copy = json.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode json) {
        if (json instanceof ObjectNode object) {
            object.remove(List.of("time", "id", "last_seen", "load"));
            object.forEach(CliIT::strip);
        } else if (json instanceof ArrayNode array) {
            array.forEach(CliIT::strip);
        }
    }
}
