package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.api.NodeView;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.cli.CircusmetaCli;
import org.circusmeta.manager.cluster.ClusterEndpoint;
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
 * Every change through the API, the CLI, the cluster endpoint and an admin task leaves one audit line,
 * in {@code GET /api/audit} (newest last) and in the audit's file: who, through which door, what, the
 * nodes, the result. A refused change is written down too; a circusctl {@code status} is no change.
 */
@Timeout(120)
class AuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("au-0", "au-1");
    private static final Path FILE = Path.of("target", "audit", "circusmeta-audit.log");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("auth.tokens[0].name", "deployer"), ConfigOverride.config("auth.tokens[0].token", "t-op"),
            ConfigOverride.config("auth.tokens[0].role", "operate"), ConfigOverride.config("auth.tokens[1].name", "ops"),
            ConfigOverride.config("auth.tokens[1].token", "t-admin"), ConfigOverride.config("auth.tokens[1].role", "admin"),
            ConfigOverride.config("auth.tokens[2].name", "viewer"), ConfigOverride.config("auth.tokens[2].token", "t-read"),
            ConfigOverride.config("auth.tokens[2].role", "read"));

    private static SocketLoop loop;
    private static CircusClient circusctl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("audit-nodes");
        NAMES.forEach(n -> nodes.start(n, RealNodes.watcher("sleeper", "sleep 4401", 1)));
        ManagerClient api = MANAGER.api().withToken(Optional.of("t-read"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.nodes().stream()
                .filter(n -> n.state().equals("attached")).map(NodeView::name).toList().containsAll(NAMES));
        loop = new SocketLoop("audit-circusctl");
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
    void aChangeThroughTheApiIsWrittenDownWithItsTokensNameAndEveryNode() throws Exception {
        Instant since = Instant.now();
        assertThat(send("POST", "/api/watchers/sleeper/restart", "t-op").statusCode()).isEqualTo(200);

        JsonNode entry = only(since, "'restart' on watcher sleeper on every node that has it");
        assertThat(entry.path("actor").asText()).isEqualTo("deployer");
        assertThat(entry.path("door").asText()).isEqualTo("api");
        assertThat(entry.path("role").asText()).isEqualTo("operate");
        assertThat(strings(entry.path("nodes"))).containsExactlyInAnyOrderElementsOf(NAMES);
        assertThat(entry.path("result").asText()).isEqualTo("ok");
        assertThat(entry.path("results").path("au-1").asText()).isEqualTo("ok");
        assertThat(entry.path("time").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(FILE) && Files.readAllLines(FILE).stream()
                .anyMatch(l -> l.contains("\"actor\":\"deployer\"") && l.contains("'restart' on watcher sleeper")));
    }

    @Test
    void aChangeThroughTheCliIsWrittenDownWithItsNode() throws Exception {
        Instant since = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = CircusmetaCli.run(List.of("stop", "sleeper", "--node", "au-1"),
                Map.of("CIRCUSMETA_MANAGER", MANAGER.api().base(), "CIRCUSMETA_TOKEN", "t-admin"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();

        JsonNode entry = only(since, "'stop' on watcher sleeper on node au-1");
        assertThat(entry.path("actor").asText()).isEqualTo("ops");
        assertThat(strings(entry.path("nodes"))).containsExactly("au-1");
        assertThat(entry.path("result").asText()).isEqualTo("ok");
    }

    @Test
    void aChangeThroughTheClusterEndpointIsWrittenDownWithThePeersAddress() throws Exception {
        Instant since = Instant.now();
        assertThat(circusctl.callAndWait(Request.of("status"), Duration.ofSeconds(10)).isOk()).isTrue();
        Reply started = circusctl.callAndWait(Request.of("start").with("name", "au-1:sleeper"), Duration.ofSeconds(10));
        assertThat(started.isOk()).as(started.toString()).isTrue();

        JsonNode entry = only(since, "'start' on watcher sleeper on node au-1");
        assertThat(entry.path("actor").asText()).contains("127.0.0.1");
        assertThat(entry.path("door").asText()).isEqualTo("cluster-endpoint");
        assertThat(strings(entry.path("nodes"))).containsExactly("au-1");
        assertThat(entry.path("result").asText()).isEqualTo("ok");
    }

    @Test
    void aChangeThroughAnAdminTaskIsWrittenDownWithTheTokenAndThePeer() throws Exception {
        Instant since = Instant.now();
        HttpResponse<String> task = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + MANAGER.app().getAdminPort() + "/tasks/circus-command?command=incr&name=sleeper&node=au-0"))
                .header("Authorization", "Bearer t-admin").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(task.statusCode()).as(task.body()).isEqualTo(200);

        JsonNode entry = only(since, "'incr' on node au-0");
        assertThat(entry.path("actor").asText()).startsWith("ops from 127.0.0.1:");
        assertThat(entry.path("door").asText()).isEqualTo("admin");
        assertThat(strings(entry.path("nodes"))).containsExactly("au-0");
        assertThat(entry.path("result").asText()).isEqualTo("ok");
    }

    @Test
    void aRefusedChangeIsWrittenDownAsRefused() throws Exception {
        Instant since = Instant.now();
        assertThat(send("DELETE", "/api/watchers/sleeper", "t-op").statusCode()).isEqualTo(403);

        JsonNode entry = only(since, "'rm' on watcher sleeper on every node that has it");
        assertThat(entry.path("actor").asText()).isEqualTo("deployer");
        assertThat(entry.path("result").asText()).isEqualTo("refused");
        assertThat(entry.path("message").asText()).contains("needs the admin role");
    }

    @Test
    void theAuditListsTheNewestLastAndTakesALimit() throws Exception {
        Instant since = Instant.now();
        send("POST", "/api/watchers/sleeper/start", "t-op");
        send("POST", "/api/watchers/sleeper/stop", "t-op");
        List<JsonNode> two = audit("?since=" + since + "&limit=1");
        assertThat(two).hasSize(1);
        assertThat(two.get(0).path("action").asText()).startsWith("'stop'");
        assertThat(send("GET", "/api/audit?since=yesterday", "t-read").statusCode()).isEqualTo(422);
        assertThat(send("GET", "/api/audit", "t-read").statusCode()).isEqualTo(200);
    }

    /** The one entry since then of that action; there must be no other change since then. */
    private JsonNode only(Instant since, String action) throws Exception {
        List<JsonNode> entries = audit("?since=" + since);
        assertThat(entries).extracting(e -> e.path("action").asText()).containsExactly(action);
        return entries.get(0);
    }

    private List<JsonNode> audit(String query) throws Exception {
        HttpResponse<String> answer = send("GET", "/api/audit" + query, "t-read");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(entries::add);
        return entries;
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(MANAGER.api().base() + path)).header("Authorization",
                "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
