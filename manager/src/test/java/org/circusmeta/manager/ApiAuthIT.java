package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.ManagerExtension.refusal;

import io.dropwizard.testing.ConfigOverride;
import java.util.Optional;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With auth.tokens set, /api needs one of them as a bearer token; the admin port is left alone. */
@Timeout(60)
class ApiAuthIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("auth.tokens", "first-token,second-token"));

    @Test
    void askForABearerToken() {
        ManagerRefused none = refusal(() -> MANAGER.api().nodes());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.reason()).contains("Bearer");
        assertThat(refusal(() -> withToken("wrong").nodes()).status()).isEqualTo(401);
        assertThat(withToken("second-token").send("GET", "/api/nodes", Optional.empty()).status()).isEqualTo(200);
        assertThat(MANAGER.admin().healthcheck().status()).isIn(200, 500);
    }

    private static ManagerClient withToken(String token) {
        return MANAGER.api().withToken(Optional.of(token));
    }
}
