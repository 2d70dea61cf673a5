package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a hostile probe of the HTTP doors found, fixed: bodies over http.maxRequestBody answered 413, a body
 * shorter than its Content-Length 408 (not a 500 after a stack trace), changes from a page of another origin
 * refused on both ports, and a second rename while the first waits for its registrar a clear 409.
 */
@Timeout(60)
class ProbeFixesIT {
    private static final int LIMIT = 64 << 10;

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("http.maxRequestBody", "64KiB"),
            ConfigOverride.config("server.applicationConnectors[0].idleTimeout", "2s"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNode() {
        MANAGER.fakeNode("rn-1", new FakeCircusd()).register();
        MANAGER.awaitAttached(List.of("rn-1"), Duration.ofSeconds(20));
    }

    @Test
    void aBodyOverTheLimitIsRefused413WhetherItsLengthIsGivenOrNot() throws Exception {
        String big = "{\"command\": \"status\", \"properties\": {\"pad\": \"" + "x".repeat(LIMIT) + "\"}}";
        HttpResponse<String> declared = send(api("/api/command").POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("http.maxRequestBody", "at most " + LIMIT);

        HttpResponse<String> chunked = send(api("/api/command").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).isEqualTo(413);

        HttpResponse<String> small = send(api("/api/command").POST(HttpRequest.BodyPublishers.ofString(
                "{\"command\": \"numwatchers\"}")));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
    }

    @Test
    void aTasksParametersMayStillComeAsAFormBody() throws Exception {
        HttpResponse<String> task = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGER.app().getAdminPort()
                + "/tasks/circus-command")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("command=numwatchers&node=rn-1")));
        assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
        assertThat(task.body()).contains("rn-1");
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnswered408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", MANAGER.app().getLocalPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/command HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"command\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 408");
        }
    }

    @Test
    void aChangeFromAPageOfAnotherOriginIsRefusedOnBothPortsAndTheManagersOwnPasses() throws Exception {
        HttpResponse<String> foreign = send(api("/api/watchers/w/restart").header("Origin", "http://evil.example")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("http://evil.example", "refused", "http.allowedOrigins");

        HttpResponse<String> task = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGER.app().getAdminPort()
                + "/tasks/circus-command?command=add&name=x&cmd=touch")).header("Origin", "http://evil.example")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(task.statusCode()).isEqualTo(403);
        assertThat(task.body()).contains("http://evil.example");

        String own = "http://127.0.0.1:" + MANAGER.app().getLocalPort();
        HttpResponse<String> same = send(api("/api/watchers/w/restart").header("Origin", own)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(404);
        HttpResponse<String> read = send(api("/api/nodes").header("Origin", "http://evil.example").GET());
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    void aSecondRenameWhileTheFirstWaitsForTheRegistrarIsAClear409() throws Exception {
        HttpResponse<String> first = send(api("/api/nodes/rn-1/rename").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"rn-2\"}")));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);

        HttpResponse<String> second = send(api("/api/nodes/rn-1/rename").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"rn-3\"}")));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("being renamed to rn-2");
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGER.app().getLocalPort() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
