package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.circusmeta.manager.cluster.ClusterEndpoint;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster endpoint driven as circusctl drives a circusd: a DEALER speaking the circus protocol,
 * three real nodes behind it. cl-0 and cl-2 run 'web', cl-1 does not; every node runs 'sleeper'.
 */
@Timeout(60)
class ClusterEndpointIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static SocketLoop loop;
    private static CircusClient circusctl;

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("cluster-nodes");
        String sleeper = RealNodes.watcher("sleeper", "sleep 4321", 1);
        String web = RealNodes.watcher("web", "sleep 4322", 1);
        nodes.start("cl-0", sleeper + web);
        nodes.start("cl-1", sleeper);
        nodes.start("cl-2", sleeper + web);
        MANAGER.awaitAttached(List.of("cl-0", "cl-1", "cl-2"), Duration.ofSeconds(20));
        loop = new SocketLoop("circusctl");
        loop.start();
        circusctl = new CircusClient(loop, MANAGER.find(ClusterEndpoint.class).boundEndpoint());
        circusctl.start();
    }

    @AfterAll
    static void stop() {
        circusctl.close();
        loop.close();
    }

    @Test
    void listAndStatusNameEveryWatcherWithItsNode() {
        Reply list = call(Request.of("list"));
        assertThat(strings(list, "watchers")).containsExactly("cl-0:sleeper", "cl-0:web", "cl-1:sleeper", "cl-2:sleeper", "cl-2:web");
        Reply status = call(Request.of("status"));
        assertThat(status.get("statuses").path("cl-2:web").asText()).isEqualTo("active");
        assertThat(status.get("statuses").size()).isEqualTo(5);
        assertThat(call(Request.of("status").with("name", "cl-2:web")).status()).isEqualTo("active");
        assertThat(call(Request.of("numwatchers")).get("numwatchers").asInt()).isEqualTo(5);
        Reply dstats = call(Request.of("dstats"));
        assertThat(dstats.get("info").fieldNames()).toIterable().containsExactly("cl-0", "cl-1", "cl-2");
        assertThat(dstats.get("info").path("cl-1").path("pid").isInt()).isTrue();
        Reply options = call(Request.of("globaloptions"));
        assertThat(options.get("options").path("cl-2").path("endpoint").asText()).startsWith("tcp://127.0.0.1:");
    }

    @Test
    void statsAndOptionsOfABareNameFoldTheRepliesOfEveryNodeThatHasIt() {
        Reply one = call(Request.of("stats").with("name", "cl-2:web"));
        assertThat(one.get("name").asText()).isEqualTo("cl-2:web");
        int onTwo = one.get("info").size();
        assertThat(onTwo).isPositive();
        Reply both = call(Request.of("stats").with("name", "web"));
        assertThat(both.get("info").size()).isEqualTo(onTwo + call(Request.of("stats").with("name", "cl-0:web")).get("info").size());
        Reply all = call(Request.of("stats"));
        assertThat(all.get("infos").fieldNames()).toIterable().contains("cl-0:web", "cl-1:sleeper", "cl-2:web");

        JsonNode merged = call(Request.of("options").with("name", "web")).get("options");
        JsonNode on0 = call(Request.of("options").with("name", "cl-0:web")).get("options");
        JsonNode on2 = call(Request.of("options").with("name", "cl-2:web")).get("options");
        assertThat(merged.size()).isEqualTo(on0.size()).isPositive();
        on0.fieldNames().forEachRemaining(key -> assertThat(merged.get(key)).as(key)
                .isEqualTo(on0.get(key).equals(on2.get(key)) ? on0.get(key) : byNode(on0.get(key), on2.get(key))));
    }

    private static JsonNode byNode(JsonNode onCl0, JsonNode onCl2) {
        ObjectNode json = CircusJson.object();
        json.set("cl-0", onCl0);
        json.set("cl-2", onCl2);
        return json;
    }

    @Test
    void incrOnAQualifiedNameChangesThatNodeOnlyAndOnABareNameEveryNodeThatHasIt() {
        int before0 = processes("cl-0:web");
        int before2 = processes("cl-2:web");
        int sleepers1 = processes("cl-1:sleeper");

        assertThat(call(Request.of("incr").with("name", "cl-2:web")).status()).isEqualTo("ok");
        await().atMost(WAIT).until(() -> processes("cl-2:web") == before2 + 1);
        assertThat(processes("cl-0:web")).isEqualTo(before0);

        assertThat(call(Request.of("incr").with("name", "web")).status()).isEqualTo("ok");
        await().atMost(WAIT).until(() -> processes("cl-0:web") == before0 + 1 && processes("cl-2:web") == before2 + 2);
        assertThat(processes("cl-1:sleeper")).isEqualTo(sleepers1);
        Reply total = call(Request.of("numprocesses").with("name", "web"));
        assertThat(total.get("numprocesses").asInt()).isEqualTo(before0 + before2 + 3);
        assertThat(total.get("watcher_name").asText()).isEqualTo("web");

        Reply waited = call(Request.of("decr").with("name", "web").with("waiting", true));
        assertThat(waited.get("numprocesses").asInt()).as(waited.toString()).isEqualTo(before0 + before2 + 1);
    }

    @Test
    void addWithABareNameLandsOnOneNodeChosenByPlacement() {
        Reply added = call(Request.of("add").with("name", "placed").with("cmd", "sleep 4323").with("start", true));
        assertThat(added.status()).as(added.toString()).isEqualTo("ok");
        String node = added.get("node").asText();
        assertThat(node).isIn("cl-0", "cl-1", "cl-2");
        await().atMost(WAIT).until(() -> strings(call(Request.of("list")), "watchers").stream()
                .filter(w -> w.endsWith(":placed")).toList().equals(List.of(node + ":placed")));
        RegistryWatch registry = MANAGER.find(RegistryWatch.class);
        await().atMost(WAIT).until(() -> registry.current().clusterWatchers().contains("placed"));
        assertThat(call(Request.of("rm").with("name", "placed").with("waiting", true)).status()).isEqualTo("ok");
        // Its record goes with it, or the reconciler would add it again.
        await().atMost(WAIT).until(() -> !registry.current().clusterWatchers().contains("placed"));
        assertThat(strings(call(Request.of("list")), "watchers")).noneMatch(w -> w.endsWith(":placed"));
    }

    @Test
    void addWithAQualifiedNameAddsOnThatNode() {
        Reply added = call(Request.of("add").with("name", "cl-1:pinned").with("cmd", "sleep 4324"));
        assertThat(added.get("node").asText()).isEqualTo("cl-1");
        assertThat(strings(call(Request.of("list")), "watchers")).contains("cl-1:pinned").doesNotContain("cl-0:pinned");
        assertThat(call(Request.of("rm").with("name", "cl-1:pinned")).status()).isEqualTo("ok");
    }

    @Test
    void answersErrorsInCircusFormat() {
        Reply unknown = call(Request.of("frobnicate"));
        assertThat(unknown.errno()).hasValue(2);
        assertThat(unknown.reason()).hasValue("unknown command: 'frobnicate'");
        assertThat(unknown.toJson().fieldNames()).toIterable().containsExactly("status", "reason", "tb", "time", "errno", "id");

        Reply nope = call(Request.of("incr").with("name", "nope"));
        assertThat(nope.errno()).hasValue(3);
        assertThat(nope.reason()).hasValue("program nope not found");
        assertThat(call(Request.of("incr").with("name", "cl-1:web")).reason()).hasValue("program cl-1:web not found");
        assertThat(call(Request.of("incr")).reason()).hasValue("message invalid 'name' is missing");
        assertThat(call(Request.of("quit")).errno()).hasValue(3);
    }

    @Test
    void answersAnEmptyWatcherNameAsCircusdDoesRatherThanWithATraceback() {
        for (String command : List.of("status", "list", "incr", "rm")) {
            Reply empty = call(Request.of(command).with("name", ""));
            assertThat(empty.reason()).as(command).hasValue("program  not found");
            assertThat(empty.errno()).as(command).hasValue(3);
            assertThat(empty.get("tb").isNull()).as(command).isTrue();
        }
        Reply add = call(Request.of("add").with("name", "").with("cmd", "sleep 4325"));
        assertThat(add.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("a watcher name cannot be empty"));
        assertThat(add.errno()).hasValue(3);
    }

    private static int processes(String name) {
        Reply reply = call(Request.of("numprocesses").with("name", name));
        assertThat(reply.get("watcher_name").asText()).isEqualTo(name);
        return reply.get("numprocesses").asInt();
    }

    private static List<String> strings(Reply reply, String field) {
        List<String> out = new ArrayList<>();
        reply.get(field).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Reply call(Request request) {
        return circusctl.callAndWait(request, Duration.ofSeconds(10));
    }
}
