package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.circusmeta.client.Response;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A socket loop that dies (here the relay's, of an error no handler may catch) makes /healthcheck unhealthy, naming it. */
@Timeout(60)
class SocketLoopDeathIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    @Test
    void aDeadLoopIsUnhealthyAndNamed() {
        assertThat(MANAGER.admin().healthcheck().body()).contains("every socket loop runs");

        MANAGER.find(StreamRelay.class).loop().execute(() -> {
            throw new OutOfMemoryError("simulated by the test");
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response health = MANAGER.admin().healthcheck();
            assertThat(health.status()).isEqualTo(500);
            assertThat(health.body()).contains("socket loop relay", "OutOfMemoryError", "restart the manager");
        });
    }
}
