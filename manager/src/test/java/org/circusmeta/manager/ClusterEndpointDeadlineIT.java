package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.cluster.ClusterEndpoint;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster endpoint answers within its own deadline ({@code circus.endpointTimeout}, kept under
 * circusctl's timeout), even for an {@code add} that placement sends to a node that does not answer,
 * so that circusctl shows which node was slow rather than a timeout of its own.
 */
@Timeout(60)
class ClusterEndpointDeadlineIT {
    private static final Duration ENDPOINT_TIMEOUT = Duration.ofMillis(1_500);

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("circus.commandTimeout", "10s"),
            ConfigOverride.config("circus.endpointTimeout", ENDPOINT_TIMEOUT.toMillis() + "ms"));

    @Test
    void addWithABareNameOnANodeThatDoesNotAnswerIsAnsweredWithinTheEndpointDeadline() {
        FakeCircusd circusd = new FakeCircusd();
        SocketLoop loop = new SocketLoop("circusctl");
        try (FakeNode mute = FakeNode.start(MANAGER.zookeeper(), "mute", circusd).register()) {
            // It answers the liveness probes, so it stays attached and placement chooses it; it never answers 'add'.
            mute.peer().handler(r -> r.path("command").asText().equals("add") ? Optional.empty() : circusd.apply(r));
            MANAGER.awaitAttached(List.of("mute"), Duration.ofSeconds(10));
            loop.start();
            CircusClient circusctl = new CircusClient(loop, MANAGER.find(ClusterEndpoint.class).boundEndpoint());
            circusctl.start();

            long start = System.nanoTime();
            Reply reply = circusctl.callAndWait(Request.of("add").with("name", "muted").with("cmd", "sleep 4326"),
                    Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reply.status()).isEqualTo("error");
            assertThat(reply.reason()).hasValueSatisfying(r -> assertThat(r).contains("mute").contains("add"));
            assertThat(took).as("answered within the endpoint deadline, not the 10 s command timeout")
                    .isLessThan(ENDPOINT_TIMEOUT.plusSeconds(2));
            circusctl.close();
        } finally {
            loop.close();
        }
    }
}
