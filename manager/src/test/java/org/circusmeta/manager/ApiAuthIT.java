package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With auth.tokens set, /api needs one of them as a bearer token; the admin port is left alone. */
@Timeout(60)
class ApiAuthIT {
    @RegisterExtension
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString(),
            ConfigOverride.config("auth.tokens", "first-token,second-token"));

    @Test
    void askForABearerToken() {
        Http api = ManagerApps.api(APP);
        Http.Response none = api.get("/api/nodes");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("message").asText()).contains("Bearer");
        assertThat(withToken("wrong").status()).isEqualTo(401);
        assertThat(withToken("second-token").status()).isEqualTo(200);
        assertThat(ManagerApps.admin(APP).get("/healthcheck").status()).isIn(200, 500);
    }

    private Http.Response withToken(String token) {
        return ManagerApps.api(APP).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/nodes"))
                .header("Authorization", "Bearer " + token).GET());
    }
}
